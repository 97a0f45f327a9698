using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Admin.ApprovalLimits;

/// <summary>
/// The most each approving role, and each person named, may approve in one request, with who set it and when.
/// Limits hold for the whole installation, as the screening checklist does.
/// </summary>
public sealed class IndexModel(HiveDbContext db, HiveClock clock) : PageModel
{
    public IReadOnlyList<LimitRow> RoleLimits { get; private set; } = [];
    public IReadOnlyList<LimitRow> PersonLimits { get; private set; } = [];
    /// <summary>Approving roles with no limit in a currency in use: their approvals would be refused.</summary>
    public IReadOnlyList<(string Role, Currency Currency)> Missing { get; private set; } = [];

    public sealed record LimitRow(int Id, string? Role, string? UserName, string? DisplayName, Currency Currency, long MaxAmountMinor, string SetBy, DateTime SetAt);

    public async Task OnGetAsync()
    {
        var rows = await db.ApproverLimits.AsNoTracking()
            .OrderBy(l => l.UserName).ThenBy(l => l.Role).ThenBy(l => l.Currency)
            .Select(l => new LimitRow(l.Id, l.Role, l.UserName,
                db.Users.Where(u => u.UserName == l.UserName).Select(u => u.DisplayName).FirstOrDefault(),
                l.Currency, l.MaxAmountMinor, l.SetBy, l.SetAt))
            .ToListAsync();
        // Roles in the order of Roles.All (the more senior first), as the users page lists them.
        var order = Roles.All.Select((role, i) => (role, i)).ToDictionary(x => x.role, x => x.i);
        RoleLimits = rows.Where(r => r.UserName is null)
            .OrderBy(r => order.GetValueOrDefault(r.Role ?? "", int.MaxValue)).ThenBy(r => r.Currency).ToList();
        PersonLimits = rows.Where(r => r.UserName is not null).ToList();
        var year = clock.Today.Year;
        var budgeted = await db.CommuneBudgets.AsNoTracking().Where(b => b.Year == year).Select(b => b.Currency).Distinct().ToListAsync();
        var limits = rows.Select(r => new ApproverLimit { Role = r.Role, UserName = r.UserName, Currency = r.Currency, MaxAmountMinor = r.MaxAmountMinor }).ToList();
        Missing = SupportReadiness.RolesWithoutLimit(SupportReadiness.Needed(budgeted), limits);
    }
}
