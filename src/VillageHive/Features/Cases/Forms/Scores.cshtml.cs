using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Forms;

/// <summary>
/// A new scoring of form 2's domains (11 for the child, 12 for the family, each 1–4), dated; earlier scorings stay as
/// they were, so the case shows how the family moved over time.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class ScoresModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int CommentLength = 500;

    [BindProperty] public DateOnly? ScoredOn { get; set; }
    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Comments { get; set; } = [];

    public int Id { get; private set; }
    /// <summary>The latest scoring, to start from (each domain as it was scored last time).</summary>
    public IReadOnlyDictionary<string, int> Previous { get; private set; } = new Dictionary<string, int>();

    private async Task<IActionResult?> CheckAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        return null;
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await CheckAsync(id) is { } refused) return refused;
        ScoredOn = clock.Today;
        var last = await db.WellbeingScorings.Where(s => s.CaseId == id).OrderByDescending(s => s.ScoredOn).ThenByDescending(s => s.Id)
            .Select(s => (int?)s.Id).FirstOrDefaultAsync();
        if (last is not null)
            Previous = await db.WellbeingScores.AsNoTracking().Where(x => x.ScoringId == last).ToDictionaryAsync(x => x.Domain, x => x.Score);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await CheckAsync(id) is { } refused) return refused;
        // A date the binder could not read is a missing date here (its own message would be in English).
        if (ModelState.TryGetValue(nameof(ScoredOn), out var dateState) && dateState.Errors.Count > 0)
        {
            dateState.Errors.Clear();
            ScoredOn = null;
        }
        var scores = new Dictionary<string, int?>();
        foreach (var domain in WellbeingDomains.All)
        {
            var typed = Scores.GetValueOrDefault(domain);
            scores[domain] = int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                : string.IsNullOrWhiteSpace(typed) ? null : 0;
        }
        var refusal = WellbeingDomains.Refusal(scores, ScoredOn, clock.Today);
        if (refusal is not null) ModelState.AddModelError(refusal == "Validation.Required" || refusal == "Validation.DateInFuture" ? nameof(ScoredOn) : "", l[refusal]);
        var comments = WellbeingDomains.All.ToDictionary(d => d, d => TypedText.OrNull(Comments.GetValueOrDefault(d)));
        foreach (var (domain, comment) in comments)
            if (comment is { Length: > CommentLength }) ModelState.AddModelError($"Comments[{domain}]", l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Refused();

        var scoring = new WellbeingScoring { CaseId = id, ScoredOn = ScoredOn!.Value, ScoredBy = me.UserName, RecordedAt = clock.UtcNow };
        foreach (var domain in WellbeingDomains.All)
            scoring.Scores.Add(new WellbeingScore { Domain = domain, Score = scores[domain]!.Value, Comment = comments[domain] });
        db.WellbeingScorings.Add(scoring);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Forms.NotSaved"]);
            return Refused();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Forms/Sheet", null, new { id, n = 2 });
    }

    /// <summary>The form again with its messages, as 422: nothing was saved.</summary>
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The score to show checked: what was posted, else the last scoring's.</summary>
    public string? Shown(string domain) =>
        Scores.TryGetValue(domain, out var typed) ? typed : Previous.TryGetValue(domain, out var v) ? v.ToString(CultureInfo.InvariantCulture) : null;

    public string? ErrorOf(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
