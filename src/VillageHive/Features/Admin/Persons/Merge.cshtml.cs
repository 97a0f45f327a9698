using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Persons;

/// <summary>
/// Merges two records of the same person (the flow of <see cref="MergePage{TCard}"/>): every row of the duplicate goes
/// to the kept record (<see cref="RecordMerger"/>), or the merge is refused with the reason.
/// </summary>
public sealed class MergeModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l)
    : MergePage<MergeModel.PersonCard>(db, l, Texts)
{
    private const int MaxResults = 20;
    private const int MaxRecent = 10;
    private static readonly MergeTexts Texts = new("Merge.SamePerson", "Merge.NotFound", "Merge.ConfirmRequired", "Merge.Done", "Merge.Undone",
        "/Registry/Persons/Details");

    public sealed record PersonCard(int Id, string FamilyKm, string GivenKm, string? FamilyLatin, string? GivenLatin, Sex Sex,
        DateOnly? DateOfBirth, int? EstimatedBirthYear, int HouseholdId, string VillageKm, string VillageEn, int? MergedInto,
        int Referrals, int Moves, int Enrolments) : IMergeCard
    {
        public string NameKm => $"{FamilyKm} {GivenKm}";
        public string NameLatin => $"{FamilyLatin} {GivenLatin}".Trim();
    }

    protected override Task<List<PersonCard>> SearchAsync()
    {
        var name = NameSearch.Normalise(Q);
        return Cards(Db.PersonsIn(me.Scope).Where(p => p.SearchName.Contains(name))
                .OrderBy(p => p.FamilyNameKm).ThenBy(p => p.GivenNameKm).ThenBy(p => p.Id)
                .Take(MaxResults))
            .ToListAsync();
    }

    protected override Task<List<RecentMerge>> RecentAsync() =>
        Db.PersonMerges.AsNoTracking().Where(m => m.UndoneAt == null)
            .Join(Db.PersonsIn(me.Scope).IgnoreQueryFilters(), m => m.MergedPersonId, p => p.Id, (m, p) => new { m, p })
            .OrderByDescending(x => x.m.MergedAt).ThenByDescending(x => x.m.Id).Take(MaxRecent)
            .Select(x => new RecentMerge(x.m.Id, x.m.KeptPersonId, x.m.MergedPersonId, x.p.FamilyNameKm + " " + x.p.GivenNameKm, x.m.MergedBy, x.m.MergedAt))
            .ToListAsync();

    protected override Task<List<PersonCard>> CardsAsync(int[] ids) =>
        Cards(Db.PersonsIn(me.Scope).IgnoreQueryFilters().Where(p => ids.Contains(p.Id))).ToListAsync();

    protected override async Task<IReadOnlyList<RecordMerger.Refusal>> MergeAsync(int keep, int duplicate)
    {
        var ids = new[] { keep, duplicate };
        // Merged records are hidden by the query filter; they are read here so that merging one again is refused, not a 404.
        var persons = await Db.PersonsIn(me.Scope).IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).ToListAsync();
        return await new RecordMerger(Db).MergePersonsAsync(persons.Single(p => p.Id == keep), persons.Single(p => p.Id == duplicate), me.UserName, clock.UtcNow);
    }

    protected override async Task<int?> UndoAsync(int merge)
    {
        var record = await Db.PersonMerges.FirstOrDefaultAsync(m => m.Id == merge && m.UndoneAt == null);
        var duplicate = record is null ? null
            : await Db.PersonsIn(me.Scope).IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == record.MergedPersonId);
        if (record is null || duplicate is null) return null;
        await new RecordMerger(Db).UndoPersonMergeAsync(record, duplicate, me.UserName, clock.UtcNow);
        return duplicate.Id;
    }

    private IQueryable<PersonCard> Cards(IQueryable<Person> persons) =>
        persons.AsNoTracking().Select(p => new PersonCard(p.Id, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.Sex,
            p.DateOfBirth, p.EstimatedBirthYear, p.HouseholdId, p.Household!.Village!.NameKm, p.Household.Village.NameEn, p.MergedIntoPersonId,
            Db.ReferralChildren.Count(c => c.PersonId == p.Id), Db.PersonMoves.Count(m => m.PersonId == p.Id),
            Db.Enrolments.Count(e => e.PersonId == p.Id && e.ExitDate == null)));
}
