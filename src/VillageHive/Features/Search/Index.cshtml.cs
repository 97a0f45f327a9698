using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Referrals;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Search;

/// <summary>
/// The header's one search box: people, households, referrals and cases in the caller's scope, by any member's name
/// (Khmer or Latin, spelling variants by NameRules), by phone, or by case or referral number ("#22" or "22"). The best
/// matches come first; a long list stops at <see cref="Shown"/> people and asks for more of the name.
/// The first <see cref="Shown"/> people found and one more (those whose names contain the text as typed first) are read
/// with what the list shows of them and ranked; the one more tells that more match (docs/decisions/0037).
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int Shown = 50;
    public const int ShownRecords = 20;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public bool Searched { get; private set; }
    public bool More { get; private set; }
    public IReadOnlyList<CaseHit> Cases { get; private set; } = [];
    public IReadOnlyList<ReferralHit> Referrals { get; private set; } = [];
    public IReadOnlyList<PersonRow> Persons { get; private set; } = [];
    public IReadOnlyList<HouseholdRow> Households { get; private set; } = [];
    public int Found => Cases.Count + Referrals.Count + Persons.Count + Households.Count;

    public sealed record CaseHit(int Id, int HouseholdId, CaseStatus Status, string VillageKm, string VillageEn, IReadOnlyList<CaseChildren.Child> Children);
    public sealed record ReferralHit(int Id, ReferralStatus Status, DateTime ReceivedAt, string VillageKm, string VillageEn, IReadOnlyList<CaseChildren.Child> Children);
    public sealed record PersonRow(int Id, int HouseholdId, string NameKm, string? NameLatin, int? Age, string VillageKm, string VillageEn, RegistryQueries.NameRank Rank);
    public sealed record HouseholdRow(int Id, string? HeadKm, string? HeadLatin, string? Phone, string VillageKm, string VillageEn);

    public async Task OnGetAsync()
    {
        if (Query is { Length: > 100 }) Query = Query[..100];
        var text = Query?.Trim() ?? "";
        var name = NameSearch.Normalise(text);
        if (name.Length == 0) return;
        Searched = true;
        // Up to seven statements: one connection for all of them, not one taken from the pool and given back for each.
        await db.Database.OpenConnectionAsync();
        var scope = me.Scope;
        var readsCases = me.IsInAnyRole(Roles.CaseReaders);
        var readsReferrals = me.IsInAnyRole(Roles.ReferralWorkers);

        // A number: the case or referral of that number ("#22", "22"); three digits or more may also be a phone.
        var number = text.TrimStart('#').Trim();
        var isNumber = number.Length is > 0 and <= 9 && number.All(char.IsAsciiDigit);
        if (isNumber)
        {
            var id = int.Parse(number, CultureInfo.InvariantCulture);
            await ShowAsync(readsCases ? await CaseRowsAsync(db.CasesFor(me).Where(c => c.Id == id)) : [],
                readsReferrals ? await ReferralRowsAsync(db.ReferralsFor(me).Where(r => r.Id == id)) : []);
        }
        var digits = NameSearch.NormalisePhone(text);
        if (!text.StartsWith('#') && RegistryQueries.IsPhone(name, digits))
        {
            Households = await db.HouseholdsIn(scope).AsNoTracking()
                .Where(h => h.Phone != null && h.Phone.Contains(digits))
                .OrderBy(h => h.Id).Take(ShownRecords)
                .Select(h => new HouseholdRow(h.Id, Household.Shown(h.HeadNameKm), h.HeadNameLatin, h.Phone, h.Village!.NameKm, h.Village.NameEn))
                .ToListAsync();
            return;
        }
        if (isNumber || !name.Any(char.IsLetter)) return;

        // The scope as its villages, with their names (a village worker's are the scope's own ids): each person is then
        // tested by their household's village, and the statement joins no village or commune. On PostgreSQL that halved
        // the search's planning and execution at district scale (docs/scaling.md).
        var villages = await db.VillagesIn(scope).AsNoTracking().Select(v => new { v.Id, v.NameKm, v.NameEn }).ToDictionaryAsync(v => v.Id);
        var villageIds = villages.Keys.ToArray();
        var found = await db.FindPersonsAsync(name,
            p => p.Where(x => x.MergedIntoPersonId == null && EF.Parameter(villageIds).Contains(x.Household!.VillageId)),
            p => new FoundPerson(p.Id, p.HouseholdId, p.SearchName, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin,
                p.DateOfBirth, p.EstimatedBirthYear, p.Household!.VillageId), Shown, narrow: scope.Level == ScopeLevel.Villages);
        More = found.More;
        var today = clock.Today;
        Persons = [.. found.Persons.Select(h =>
        {
            var p = h.Person;
            var latin = $"{p.FamilyNameLatin} {p.GivenNameLatin}".Trim();
            var village = villages[p.VillageId];
            return new PersonRow(p.Id, p.HouseholdId, $"{p.FamilyNameKm} {p.GivenNameKm}", latin.Length == 0 ? null : latin,
                Person.Age(p.DateOfBirth, p.EstimatedBirthYear, today), village.NameKm, village.NameEn, h.Rank);
        })];

        // The cases and referrals of everyone found (not only those shown), best match first. Driven from the people found
        // (index lookups by person and household), not by testing every case and referral in scope against them.
        if (!readsCases && !readsReferrals) return;
        // Lists go to the database as one parameter each (EF.Parameter: a JSON array on SQLite, an array on PostgreSQL), so
        // that the statement's text is the same whatever the count.
        var allIds = found.Persons.Select(h => h.PersonId).ToArray();
        var households = found.Persons.Select(h => h.HouseholdId).Distinct().ToArray();
        var referralIds = db.ReferralChildren.Where(rc => EF.Parameter(allIds).Contains(rc.PersonId)).Select(rc => rc.ReferralId);
        // Two index lookups joined as a union: "household in (…) OR referral in (…)" made PostgreSQL test every case of
        // the district against the list (a sequential scan, 2.7 ms a search at district scale).
        var caseIds = db.Cases.Where(c => EF.Parameter(households).Contains(c.HouseholdId)).Select(c => c.Id)
            .Union(db.Cases.Where(c => referralIds.Contains(c.ReferralId)).Select(c => c.Id));
        var cases = readsCases ? await CaseRowsAsync(db.CasesFor(me).Where(c => caseIds.Contains(c.Id))) : [];
        var referrals = readsReferrals
            ? await ReferralRowsAsync(db.ReferralsFor(me).Where(r => referralIds.Contains(r.Id)))
            : [];
        await ShowAsync(cases, referrals);
        // A case comes as high as the best match among its household and its children.
        var householdRank = found.Persons.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.Min(h => h.Rank));
        var personRank = found.Persons.ToDictionary(h => h.PersonId, h => h.Rank);
        Cases = [.. Cases.OrderBy(c => c.Children.Select(k => personRank.GetValueOrDefault(k.PersonId, RegistryQueries.NameRank.SoundsLike + 1))
            .Append(householdRank.GetValueOrDefault(c.HouseholdId, RegistryQueries.NameRank.SoundsLike + 1)).Min())];
    }

    /// <summary>The cases and referrals found, with their children's names (one statement for both lists).</summary>
    private async Task ShowAsync(List<CaseRow> cases, List<ReferralRow> referrals)
    {
        var children = await db.ChildrenOfReferralsAsync([.. cases.Select(c => c.ReferralId).Concat(referrals.Select(r => r.Id)).Distinct()]);
        Cases = [.. cases.Select(c => new CaseHit(c.Id, c.HouseholdId, c.Status, c.VillageKm, c.VillageEn, children.GetValueOrDefault(c.ReferralId, [])))];
        Referrals = [.. referrals.Select(r => new ReferralHit(r.Id, r.Status, r.ReceivedAt, r.VillageKm, r.VillageEn, children.GetValueOrDefault(r.Id, [])))];
    }

    /// <summary>A person found, with what the list shows of them: read in the search's one statement.</summary>
    private sealed record FoundPerson(int Id, int HouseholdId, string SearchName, string FamilyNameKm, string GivenNameKm, string? FamilyNameLatin,
        string? GivenNameLatin, DateOnly? DateOfBirth, int? EstimatedBirthYear, int VillageId) : RegistryQueries.IPersonMatch;

    private sealed record CaseRow(int Id, int HouseholdId, int ReferralId, CaseStatus Status, string VillageKm, string VillageEn);
    private sealed record ReferralRow(int Id, ReferralStatus Status, DateTime ReceivedAt, string VillageKm, string VillageEn);

    private static Task<List<CaseRow>> CaseRowsAsync(IQueryable<Case> cases) =>
        cases.AsNoTracking().OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Take(ShownRecords)
            .Select(c => new CaseRow(c.Id, c.HouseholdId, c.ReferralId, c.Status, c.Village!.NameKm, c.Village.NameEn))
            .ToListAsync();

    private static Task<List<ReferralRow>> ReferralRowsAsync(IQueryable<Referral> referrals) =>
        referrals.AsNoTracking().OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(ShownRecords)
            .Select(r => new ReferralRow(r.Id, r.Status, r.ReceivedAt, r.Village!.NameKm, r.Village.NameEn))
            .ToListAsync();
}
