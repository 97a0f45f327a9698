using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Alerts;
using VillageHive.Features.Cases;
using VillageHive.Features.Support;
using VillageHive.Infrastructure;

namespace VillageHive.Features;

/// <summary>
/// Home: the user's Hive(s), what they can do and, for those who respond, the children in immediate danger; for
/// approvers and administrators, a missing approval limit or budget before an approval fails on it; for those who
/// work cases or answer service referrals, My work (<see cref="MyWork"/>).
/// </summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int MaxAlerts = 10;

    public IReadOnlyList<HiveRow> Hives { get; private set; } = [];
    /// <summary>Open alerts, newest first; null for roles that do not receive alerts.</summary>
    public IReadOnlyList<AlertQueries.AlertRow>? Alerts { get; private set; }
    /// <summary>Null for those who neither approve support nor set limits and budgets.</summary>
    public SupportReadinessView? Readiness { get; private set; }
    /// <summary>Null for roles without casework or referrals to answer.</summary>
    public MyWork.View? Work { get; private set; }

    public sealed record HiveRow(string NameKm, string NameEn, HiveStatus Status, int Villages, int? PlannedYear);

    public async Task OnGetAsync()
    {
        Hives = await db.Communes.AsNoTracking()
            .Where(me.Scope.CommunePredicate())
            .OrderBy(c => c.Code)
            .Select(c => new HiveRow(c.NameKm, c.NameEn, c.Hive != null ? c.Hive.Status : HiveStatus.Planned, c.Villages.Count, c.Hive != null ? c.Hive.PlannedYear : null))
            .ToListAsync();
        if (me.IsInAnyRole(Roles.AlertReceivers))
        {
            Alerts = await db.AlertsIn(me.Scope).AsNoTracking().Where(a => a.AcknowledgedAt == null)
                .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(MaxAlerts)
                .Rows(db)
                .ToListAsync();
        }
        Readiness = await db.ReadinessAsync(me, clock);
        Work = await MyWork.LoadAsync(db, me, clock);
    }
}
