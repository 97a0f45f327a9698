using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Reports;

/// <summary>The communes of the user's scope with a report for each year since their Hive began.</summary>
[Authorize(Policy = Policies.ImpactReport)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public sealed record Row(int Id, string NameKm, string NameEn, IReadOnlyList<int> Years);

    public IReadOnlyList<Row> Communes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var scope = me.Scope;
        var thisYear = clock.Today.Year;
        if (scope.Level == ScopeLevel.Villages) return;
        var rows = await db.Communes.AsNoTracking().Where(scope.CommunePredicate()).OrderBy(c => c.Code)
            .Select(c => new
            {
                c.Id, c.NameKm, c.NameEn,
                Since = c.Hive == null ? null : c.Hive.CoCreationFrom ?? c.Hive.OperatingFrom,
            })
            .ToListAsync();
        Communes = rows.Where(r => r.Since is not null)
            .Select(r => new Row(r.Id, r.NameKm, r.NameEn,
                Enumerable.Range(r.Since!.Value.Year, Math.Max(0, thisYear - r.Since.Value.Year + 1)).Reverse().ToList()))
            .ToList();
    }
}
