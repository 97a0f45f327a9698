using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Persons;

/// <summary>
/// Merges two records of the same person: pick the record to keep and the duplicate (by id or by name), compare them
/// side by side, confirm. Every row of the duplicate goes to the kept record (<see cref="RecordMerger"/>), or the merge is
/// refused with the reason; the duplicate is hidden, not deleted, and an administrator can undo the merge here.
/// </summary>
public sealed class MergeModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int MaxResults = 20;
    private const int MaxRecent = 10;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Keep { get; set; }
    [BindProperty(SupportsGet = true)] public int? Duplicate { get; set; }

    /// <summary>Written out by hand in the form (a bool bound with asp-for throws on a non-boolean posted value).</summary>
    [BindProperty] public bool Confirm { get; set; }

    public IReadOnlyList<PersonCard> Results { get; private set; } = [];
    /// <summary>The latest merges in the caller's scope, each of which an administrator may undo.</summary>
    public IReadOnlyList<RecentMerge> Recent { get; private set; } = [];

    public sealed record RecentMerge(int Id, int KeptPersonId, int MergedPersonId, string NameKm, string MergedBy, DateTime MergedAt);
    public PersonCard? Kept { get; private set; }
    public PersonCard? Merged { get; private set; }
    /// <summary>Both records are there and may be merged: the confirmation form is shown.</summary>
    public bool CanMerge { get; private set; }

    public sealed record PersonCard(int Id, string FamilyKm, string GivenKm, string? FamilyLatin, string? GivenLatin, Sex Sex,
        DateOnly? DateOfBirth, int? EstimatedBirthYear, int HouseholdId, string VillageKm, string VillageEn, int? MergedInto,
        int Referrals, int Moves, int Enrolments)
    {
        public string NameKm => $"{FamilyKm} {GivenKm}";
        public string NameLatin => $"{FamilyLatin} {GivenLatin}".Trim();
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        CheckPair();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!CheckPair() || !ModelState.IsValid) return Page();
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), l["Merge.ConfirmRequired"]);
            return Page();
        }
        var ids = new[] { Keep!.Value, Duplicate!.Value };
        // Merged records are hidden by the query filter; they are read here so that merging one again is refused, not a 404.
        var persons = await db.PersonsIn(me.Scope).IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).ToListAsync();
        var kept = persons.Single(p => p.Id == Keep);
        var duplicate = persons.Single(p => p.Id == Duplicate);
        var refusals = await new RecordMerger(db).MergePersonsAsync(kept, duplicate, me.UserName, clock.UtcNow);
        foreach (var r in refusals) ModelState.AddModelError("", string.Format(l[r.MessageKey], r.What));
        if (refusals.Count > 0) return Page();
        // Another merge of one of the two records, or a change to a row moved, at the same moment (unique merge, row version).
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Merge.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync();
            CheckPair();
            return Page();
        }
        TempData["Flash"] = string.Format(l["Merge.Done"], duplicate.Id);
        return RedirectToPage("/Registry/Persons/Details", new { id = kept.Id });
    }

    /// <summary>
    /// Undoes a merge: what it moved goes back to the duplicate, which is shown again. The kept record stays as it is
    /// otherwise; a row changed since the merge stays where it is now.
    /// </summary>
    public async Task<IActionResult> OnPostUndoAsync(int merge)
    {
        var record = await db.PersonMerges.FirstOrDefaultAsync(m => m.Id == merge && m.UndoneAt == null);
        var duplicate = record is null ? null
            : await db.PersonsIn(me.Scope).IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == record.MergedPersonId);
        if (record is null || duplicate is null)
        {
            ModelState.AddModelError("", l["Merge.UndoNotFound"]);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        await new RecordMerger(db).UndoPersonMergeAsync(record, duplicate, me.UserName, clock.UtcNow);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Merge.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = string.Format(l["Merge.Undone"], duplicate.Id);
        return RedirectToPage("/Registry/Persons/Details", new { id = duplicate.Id });
    }

    /// <summary>The rules a person can see before confirming (shown above the form); the domain checks them again when merging.</summary>
    private bool CheckPair()
    {
        if (Keep is null || Duplicate is null) return false;
        if (Keep == Duplicate) ModelState.AddModelError("", l["Merge.SamePerson"]);
        else if (Kept is null) ModelState.AddModelError("", l["Merge.NotFound"]);
        else if (Merged is null) ModelState.AddModelError("", l["Merge.NotFound"]);
        else if (Kept.MergedInto is not null) ModelState.AddModelError("", l["Merge.AlreadyMerged"]);
        else if (Merged.MergedInto is not null) ModelState.AddModelError("", l["Merge.AlreadyMerged"]);
        else CanMerge = true;
        return CanMerge;
    }

    /// <summary>One query for the search results and one for the two records compared.</summary>
    private async Task LoadAsync()
    {
        var scope = me.Scope;
        var name = NameSearch.Normalise(Q);
        if (name.Length > 0)
        {
            Results = await Cards(db.PersonsIn(scope).Where(p => p.SearchName.Contains(name))
                    .OrderBy(p => p.FamilyNameKm).ThenBy(p => p.GivenNameKm).ThenBy(p => p.Id)
                    .Take(MaxResults))
                .ToListAsync();
        }
        Recent = await db.PersonMerges.AsNoTracking().Where(m => m.UndoneAt == null)
            .Join(db.PersonsIn(scope).IgnoreQueryFilters(), m => m.MergedPersonId, p => p.Id, (m, p) => new { m, p })
            .OrderByDescending(x => x.m.MergedAt).ThenByDescending(x => x.m.Id).Take(MaxRecent)
            .Select(x => new RecentMerge(x.m.Id, x.m.KeptPersonId, x.m.MergedPersonId, x.p.FamilyNameKm + " " + x.p.GivenNameKm, x.m.MergedBy, x.m.MergedAt))
            .ToListAsync();
        if (Keep is null && Duplicate is null) return;
        var ids = new[] { Keep ?? 0, Duplicate ?? 0 };
        var pair = await Cards(db.PersonsIn(scope).IgnoreQueryFilters().Where(p => ids.Contains(p.Id))).ToListAsync();
        Kept = pair.FirstOrDefault(p => p.Id == Keep);
        Merged = pair.FirstOrDefault(p => p.Id == Duplicate);
    }

    private IQueryable<PersonCard> Cards(IQueryable<Person> persons) =>
        persons.AsNoTracking().Select(p => new PersonCard(p.Id, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.Sex,
            p.DateOfBirth, p.EstimatedBirthYear, p.HouseholdId, p.Household!.Village!.NameKm, p.Household.Village.NameEn, p.MergedIntoPersonId,
            db.ReferralChildren.Count(c => c.PersonId == p.Id), db.PersonMoves.Count(m => m.PersonId == p.Id),
            db.Enrolments.Count(e => e.PersonId == p.Id && e.ExitDate == null)));

    /// <summary>This page's address with the two choices given, keeping the search.</summary>
    public string With(int? keep, int? duplicate) =>
        Url.Page("/Admin/Persons/Merge", new { q = string.IsNullOrWhiteSpace(Q) ? null : Q, keep, duplicate })!;
}
