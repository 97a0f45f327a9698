using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Admin;

/// <summary>What a merge page compares: a record's id and the record it was merged into, if any.</summary>
public interface IMergeCard
{
    int Id { get; }
    int? MergedInto { get; }
}

/// <summary>A merge not undone, shown with its undo button: the duplicate, its name and the record kept.</summary>
public sealed record RecentMerge(int Id, int KeptId, int MergedId, string NameKm, string MergedBy, DateTime MergedAt);

/// <summary>The text keys and the record's page that make the shared merge flow speak of persons or of households.</summary>
public sealed record MergeTexts(string Same, string NotFound, string ConfirmRequired, string Done, string Undone, string DetailsPage);

/// <summary>
/// The one flow of the person and household merge pages: pick the record to keep and the duplicate (by id or by name),
/// compare them side by side, confirm; every row of the duplicate goes to the kept record (<see cref="RecordMerger"/>),
/// or the merge is refused with the reason; the duplicate is hidden, not deleted, and an administrator can undo a
/// merge. A page says which records it reads and how it merges them.
/// </summary>
public abstract class MergePage<TCard>(HiveDbContext db, IStringLocalizer<SharedResource> l, MergeTexts texts) : PageModel
    where TCard : class, IMergeCard
{
    protected HiveDbContext Db => db;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Keep { get; set; }
    [BindProperty(SupportsGet = true)] public int? Duplicate { get; set; }

    /// <summary>Written out by hand in the form (a bool bound with asp-for throws on a non-boolean posted value).</summary>
    [BindProperty] public bool Confirm { get; set; }

    public IReadOnlyList<TCard> Results { get; private set; } = [];
    /// <summary>The latest merges in the caller's scope, each of which an administrator may undo.</summary>
    public IReadOnlyList<RecentMerge> Recent { get; private set; } = [];
    public TCard? Kept { get; private set; }
    public TCard? Merged { get; private set; }
    /// <summary>Both records are there and may be merged: the confirmation form is shown.</summary>
    public bool CanMerge { get; private set; }

    /// <summary>The records found by name (<see cref="Q"/> not empty), at most 20.</summary>
    protected abstract Task<List<TCard>> SearchAsync();

    /// <summary>The latest merges not undone whose duplicate is in the caller's scope, at most 10.</summary>
    protected abstract Task<List<RecentMerge>> RecentAsync();

    /// <summary>The records of these ids in the caller's scope, merged ones too.</summary>
    protected abstract Task<List<TCard>> CardsAsync(int[] ids);

    /// <summary>A rule of this kind of record that refuses the pair before confirming (a text key), or null.</summary>
    protected virtual string? PairRefusal(TCard kept, TCard merged) => null;

    /// <summary>Merges the duplicate into the kept record in the unit of work (not saved); the reasons it is refused.</summary>
    protected abstract Task<IReadOnlyList<RecordMerger.Refusal>> MergeAsync(int keep, int duplicate);

    /// <summary>Undoes the merge in the unit of work (not saved); the duplicate's id, or null when there is no such merge in scope.</summary>
    protected abstract Task<int?> UndoAsync(int merge);

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
            ModelState.AddModelError(nameof(Confirm), l[texts.ConfirmRequired]);
            return Page();
        }
        var refusals = await MergeAsync(Keep!.Value, Duplicate!.Value);
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
        TempData["Flash"] = string.Format(l[texts.Done], Duplicate.Value);
        return RedirectToPage(texts.DetailsPage, new { id = Keep.Value });
    }

    /// <summary>
    /// Undoes a merge: what it moved goes back to the duplicate, which is shown again. The kept record stays as it is
    /// otherwise; a row changed since the merge stays where it is now.
    /// </summary>
    public async Task<IActionResult> OnPostUndoAsync(int merge)
    {
        var duplicate = await UndoAsync(merge);
        if (duplicate is null)
        {
            ModelState.AddModelError("", l["Merge.UndoNotFound"]);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Merge.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = string.Format(l[texts.Undone], duplicate.Value);
        return RedirectToPage(texts.DetailsPage, new { id = duplicate.Value });
    }

    /// <summary>The rules a person can see before confirming (shown above the form); the merger checks them again when merging.</summary>
    private bool CheckPair()
    {
        if (Keep is null || Duplicate is null) return false;
        if (Keep == Duplicate) ModelState.AddModelError("", l[texts.Same]);
        else if (Kept is null || Merged is null) ModelState.AddModelError("", l[texts.NotFound]);
        else if (Kept.MergedInto is not null || Merged.MergedInto is not null) ModelState.AddModelError("", l["Merge.AlreadyMerged"]);
        else if (PairRefusal(Kept, Merged) is { } refusal) ModelState.AddModelError("", l[refusal]);
        else CanMerge = true;
        return CanMerge;
    }

    /// <summary>One query for the search results, one for the recent merges and one for the two records compared.</summary>
    private async Task LoadAsync()
    {
        if (NameSearch.Normalise(Q).Length > 0) Results = await SearchAsync();
        Recent = await RecentAsync();
        if (Keep is null && Duplicate is null) return;
        var pair = await CardsAsync([Keep ?? 0, Duplicate ?? 0]);
        Kept = pair.FirstOrDefault(c => c.Id == Keep);
        Merged = pair.FirstOrDefault(c => c.Id == Duplicate);
    }

    /// <summary>This page's address with the two choices given, keeping the search.</summary>
    public string With(int? keep, int? duplicate) =>
        Url.Page(PageContext.ActionDescriptor.ViewEnginePath, new { q = string.IsNullOrWhiteSpace(Q) ? null : Q, keep, duplicate })!;
}
