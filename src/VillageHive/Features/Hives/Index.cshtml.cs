using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Hives;

/// <summary>
/// Every commune's Hive in the caller's scope: its stage, its readiness so far, and the rollout plan to
/// <see cref="HiveRules.RolloutEnds"/> against what happened (a commune whose planned year passed without starting is late).
/// </summary>
[Authorize(Policy = Policies.HiveRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public IReadOnlyList<HiveQueries.HiveRow> Hives { get; private set; } = [];
    public int Year { get; private set; }
    public int Items => Enum.GetValues<ReadinessItem>().Length;

    public async Task OnGetAsync()
    {
        Year = clock.Today.Year;
        Hives = await HiveQueries.HivesAsync(db, me.Scope, Year);
    }
}
