using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Households;

/// <summary>
/// Merges two records of the same household (registered twice, or once from a referral and once in the registry; the
/// flow of <see cref="MergePage{TCard}"/>): its members, referrals, cases, consent, surveys and support all go to the
/// household kept (<see cref="RecordMerger"/>). Two households of different villages are not merged.
/// </summary>
public sealed class MergeModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l)
    : MergePage<MergeModel.HouseholdCard>(db, l, Texts)
{
    private const int MaxResults = 20;
    private const int MaxRecent = 10;
    private static readonly MergeTexts Texts = new("Merge.SameHousehold", "Merge.HouseholdNotFound", "Merge.ConfirmHousehold", "Merge.HouseholdDone",
        "Merge.HouseholdUndone", "/Registry/Households/Details");

    public sealed record HouseholdCard(int Id, string HeadKm, string? HeadLatin, int VillageId, string VillageKm, string VillageEn, string? Phone,
        int? MergedInto, int Members, int Referrals, int Cases) : IMergeCard;

    protected override Task<List<HouseholdCard>> SearchAsync() =>
        Cards(Db.HouseholdsIn(me.Scope).Matching(Db, Q).OrderBy(h => h.HeadNameKm).ThenBy(h => h.Id).Take(MaxResults)).ToListAsync();

    protected override Task<List<RecentMerge>> RecentAsync() =>
        Db.HouseholdMerges.AsNoTracking().Where(m => m.UndoneAt == null)
            .Join(Db.HouseholdsIn(me.Scope).IgnoreQueryFilters(), m => m.MergedHouseholdId, h => h.Id, (m, h) => new { m, h })
            .OrderByDescending(x => x.m.MergedAt).ThenByDescending(x => x.m.Id).Take(MaxRecent)
            .Select(x => new RecentMerge(x.m.Id, x.m.KeptHouseholdId, x.m.MergedHouseholdId, x.h.HeadNameKm, x.m.MergedBy, x.m.MergedAt))
            .ToListAsync();

    protected override Task<List<HouseholdCard>> CardsAsync(int[] ids) =>
        Cards(Db.HouseholdsIn(me.Scope).IgnoreQueryFilters().Where(h => ids.Contains(h.Id))).ToListAsync();

    protected override string? PairRefusal(HouseholdCard kept, HouseholdCard merged) =>
        kept.VillageId != merged.VillageId ? "Merge.OtherVillage" : null;

    protected override async Task<IReadOnlyList<RecordMerger.Refusal>> MergeAsync(int keep, int duplicate)
    {
        var ids = new[] { keep, duplicate };
        var households = await Db.HouseholdsIn(me.Scope).IgnoreQueryFilters().Where(h => ids.Contains(h.Id)).ToListAsync();
        return await new RecordMerger(Db).MergeHouseholdsAsync(households.Single(h => h.Id == keep), households.Single(h => h.Id == duplicate), me.UserName, clock.UtcNow);
    }

    protected override async Task<int?> UndoAsync(int merge)
    {
        var record = await Db.HouseholdMerges.FirstOrDefaultAsync(m => m.Id == merge && m.UndoneAt == null);
        var duplicate = record is null ? null
            : await Db.HouseholdsIn(me.Scope).IgnoreQueryFilters().FirstOrDefaultAsync(h => h.Id == record.MergedHouseholdId);
        if (record is null || duplicate is null) return null;
        await new RecordMerger(Db).UndoHouseholdMergeAsync(record, duplicate, me.UserName, clock.UtcNow);
        return duplicate.Id;
    }

    private IQueryable<HouseholdCard> Cards(IQueryable<Household> households) =>
        households.AsNoTracking().Select(h => new HouseholdCard(h.Id, h.HeadNameKm, h.HeadNameLatin, h.VillageId, h.Village!.NameKm, h.Village.NameEn, h.Phone,
            h.MergedIntoHouseholdId, Db.Persons.Count(p => p.HouseholdId == h.Id), Db.Referrals.Count(r => r.HouseholdId == h.Id),
            Db.Cases.Count(c => c.HouseholdId == h.Id)));
}
