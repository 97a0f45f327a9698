using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Hives;

/// <summary>
/// One commune's Hive: its stages as a dated history against the planned year, and the readiness checklist with each
/// item's evidence, who confirmed it and when, the district's review, and beside it what the Hive's records show.
/// </summary>
[Authorize(Policy = Policies.HiveRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public HiveQueries.HiveRow Hive { get; private set; } = null!;
    public IReadOnlyList<(HiveStatus Stage, DateOnly On)> History { get; private set; } = [];
    public IReadOnlyDictionary<ReadinessItem, ReadinessConfirmation> Confirmations { get; private set; } = new Dictionary<ReadinessItem, ReadinessConfirmation>();
    public IReadOnlyDictionary<ReadinessItem, HiveQueries.Fact> Facts { get; private set; } = new Dictionary<ReadinessItem, HiveQueries.Fact>();
    public int Year { get; private set; }
    public bool MayConfirm => me.IsInAnyRole(Roles.HiveConfirmers);
    public bool MayReview => me.IsInAnyRole(Roles.HiveReviewers);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Year = clock.Today.Year;
        var hive = (await HiveQueries.HivesAsync(db, me.Scope, Year, id)).FirstOrDefault();
        if (hive is null) return NotFound();
        Hive = hive;
        History = HiveRules.History(hive.AsHive());
        Confirmations = await db.ReadinessConfirmations.AsNoTracking().Where(r => r.CommuneId == id).ToDictionaryAsync(r => r.Item);
        var from = new DateOnly(Year, 1, 1);
        Facts = (await HiveQueries.FactsAsync(db, id, Year, clock.StartOfDayUtc(from), clock.StartOfDayUtc(from.AddYears(1)))).ToDictionary(f => f.Item);
        return Page();
    }
}
