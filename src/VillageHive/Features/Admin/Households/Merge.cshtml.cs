using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Households;

/// <summary>
/// Merges two records of the same household (registered twice, or once from a referral and once in the registry): its
/// members, referrals, cases, consent, surveys and support all go to the household kept (<see cref="RecordMerger"/>);
/// the duplicate is hidden, not deleted, and an administrator can undo the merge here.
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

    public IReadOnlyList<HouseholdCard> Results { get; private set; } = [];
    public HouseholdCard? Kept { get; private set; }
    public HouseholdCard? Merged { get; private set; }
    public bool CanMerge { get; private set; }
    public IReadOnlyList<RecentMerge> Recent { get; private set; } = [];

    public sealed record HouseholdCard(int Id, string HeadKm, string? HeadLatin, int VillageId, string VillageKm, string VillageEn, string? Phone,
        int? MergedInto, int Members, int Referrals, int Cases);

    public sealed record RecentMerge(int Id, int KeptHouseholdId, int MergedHouseholdId, string HeadKm, string MergedBy, DateTime MergedAt);

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
            ModelState.AddModelError(nameof(Confirm), l["Merge.ConfirmHousehold"]);
            return Page();
        }
        var ids = new[] { Keep!.Value, Duplicate!.Value };
        var households = await db.HouseholdsIn(me.Scope).IgnoreQueryFilters().Where(h => ids.Contains(h.Id)).ToListAsync();
        var kept = households.Single(h => h.Id == Keep);
        var duplicate = households.Single(h => h.Id == Duplicate);
        var refusals = await new RecordMerger(db).MergeHouseholdsAsync(kept, duplicate, me.UserName, clock.UtcNow);
        foreach (var r in refusals) ModelState.AddModelError("", string.Format(l[r.MessageKey], r.What));
        if (refusals.Count > 0) return Page();
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Merge.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync();
            CheckPair();
            return Page();
        }
        TempData["Flash"] = string.Format(l["Merge.HouseholdDone"], duplicate.Id);
        return RedirectToPage("/Registry/Households/Details", new { id = kept.Id });
    }

    /// <summary>Undoes a merge: what it moved goes back to the duplicate household, which is shown again.</summary>
    public async Task<IActionResult> OnPostUndoAsync(int merge)
    {
        var record = await db.HouseholdMerges.FirstOrDefaultAsync(m => m.Id == merge && m.UndoneAt == null);
        var duplicate = record is null ? null
            : await db.HouseholdsIn(me.Scope).IgnoreQueryFilters().FirstOrDefaultAsync(h => h.Id == record.MergedHouseholdId);
        if (record is null || duplicate is null)
        {
            ModelState.AddModelError("", l["Merge.UndoNotFound"]);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        await new RecordMerger(db).UndoHouseholdMergeAsync(record, duplicate, me.UserName, clock.UtcNow);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Merge.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = string.Format(l["Merge.HouseholdUndone"], duplicate.Id);
        return RedirectToPage("/Registry/Households/Details", new { id = duplicate.Id });
    }

    /// <summary>The rules an administrator can see before confirming; the merger checks them again when merging.</summary>
    private bool CheckPair()
    {
        if (Keep is null || Duplicate is null) return false;
        if (Keep == Duplicate) ModelState.AddModelError("", l["Merge.SameHousehold"]);
        else if (Kept is null || Merged is null) ModelState.AddModelError("", l["Merge.HouseholdNotFound"]);
        else if (Kept.MergedInto is not null || Merged.MergedInto is not null) ModelState.AddModelError("", l["Merge.AlreadyMerged"]);
        else if (Kept.VillageId != Merged.VillageId) ModelState.AddModelError("", l["Merge.OtherVillage"]);
        else CanMerge = true;
        return CanMerge;
    }

    private async Task LoadAsync()
    {
        var scope = me.Scope;
        if (NameSearch.Normalise(Q).Length > 0)
        {
            Results = await Cards(db.HouseholdsIn(scope).Matching(db, Q).OrderBy(h => h.HeadNameKm).ThenBy(h => h.Id).Take(MaxResults)).ToListAsync();
        }
        Recent = await db.HouseholdMerges.AsNoTracking().Where(m => m.UndoneAt == null)
            .Join(db.HouseholdsIn(scope).IgnoreQueryFilters(), m => m.MergedHouseholdId, h => h.Id, (m, h) => new { m, h })
            .OrderByDescending(x => x.m.MergedAt).ThenByDescending(x => x.m.Id).Take(MaxRecent)
            .Select(x => new RecentMerge(x.m.Id, x.m.KeptHouseholdId, x.m.MergedHouseholdId, x.h.HeadNameKm, x.m.MergedBy, x.m.MergedAt))
            .ToListAsync();
        if (Keep is null && Duplicate is null) return;
        var ids = new[] { Keep ?? 0, Duplicate ?? 0 };
        var pair = await Cards(db.HouseholdsIn(scope).IgnoreQueryFilters().Where(h => ids.Contains(h.Id))).ToListAsync();
        Kept = pair.FirstOrDefault(h => h.Id == Keep);
        Merged = pair.FirstOrDefault(h => h.Id == Duplicate);
    }

    private IQueryable<HouseholdCard> Cards(IQueryable<Household> households) =>
        households.AsNoTracking().Select(h => new HouseholdCard(h.Id, h.HeadNameKm, h.HeadNameLatin, h.VillageId, h.Village!.NameKm, h.Village.NameEn, h.Phone,
            h.MergedIntoHouseholdId, db.Persons.Count(p => p.HouseholdId == h.Id), db.Referrals.Count(r => r.HouseholdId == h.Id),
            db.Cases.Count(c => c.HouseholdId == h.Id)));

    /// <summary>This page's address with the two choices given, keeping the search.</summary>
    public string With(int? keep, int? duplicate) =>
        Url.Page("/Admin/Households/Merge", new { q = string.IsNullOrWhiteSpace(Q) ? null : Q, keep, duplicate })!;
}
