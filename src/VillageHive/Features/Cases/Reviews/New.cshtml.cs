using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Reviews;

/// <summary>
/// A periodic review: progress on each goal of the current approved plan, a decision and the tier after.
/// Sets the next review date by <see cref="ReviewSchedule"/>; a case in active support passes through Review
/// and goes on by the decision (transitions recorded in the same save).
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ReviewInput Input { get; set; } = new();

    public CaseHeading Heading { get; private set; } = null!;
    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];
    public bool Conflict { get; private set; }

    public sealed class ReviewInput
    {
        public Dictionary<int, GoalProgress?> Progress { get; set; } = [];
        public Dictionary<int, string?> Notes { get; set; } = [];
        public string? Summary { get; set; }
        public ReviewDecision? Decision { get; set; }
        public Tier? TierAfter { get; set; }
        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        Input.TierAfter = header.Tier;
        Input.Version = header.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        if (!ModelState.IsValid) return Page();
        if (string.IsNullOrWhiteSpace(Input.Summary)) ModelState.AddModelError("Input.Summary", l["Validation.Required"]);
        else if (Input.Summary.Length > 4000) ModelState.AddModelError("Input.Summary", l["Validation.TooLong"]);
        if (Input.Decision is null || !Enum.IsDefined(Input.Decision.Value)) ModelState.AddModelError("Input.Decision", l["Validation.Required"]);
        if (Input.TierAfter is null || !Enum.IsDefined(Input.TierAfter.Value)) ModelState.AddModelError("Input.TierAfter", l["Validation.Required"]);
        foreach (var g in Goals)
        {
            if (!Input.Progress.TryGetValue(g.Id, out var p) || p is null || !Enum.IsDefined(p.Value))
                ModelState.AddModelError($"Input.Progress[{g.Id}]", l["Validation.Required"]);
            if (Input.Notes.TryGetValue(g.Id, out var n) && n is { Length: > 2000 })
                ModelState.AddModelError($"Input.Notes[{g.Id}]", l["Validation.TooLong"]);
        }
        if (!ModelState.IsValid) return Page();
        if (Input.Version != header.Version)
        {
            Conflict = true;
            Input.Version = header.Version;
            return Page();
        }
        var decision = Input.Decision!.Value;
        var summary = Input.Summary!.Trim();
        var facts = await db.FactsAsync(id);
        var now = clock.UtcNow;
        var today = clock.DayOf(now);
        var c = await db.Cases.FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, Input.Version);
        // The moves the decision makes (into review, then on as decided), each through the workflow; nothing is saved if one is refused.
        var moves = new List<CaseStatus>();
        var status = c.Status;
        if (status == CaseStatus.ActiveSupport) { moves.Add(CaseStatus.Review); status = CaseStatus.Review; }
        if (status == CaseStatus.Review && decision == ReviewDecision.ContinueSupport) moves.Add(CaseStatus.ActiveSupport);
        if (status == CaseStatus.Review && decision == ReviewDecision.RevisePlan) moves.Add(CaseStatus.Planning);
        foreach (var to in moves)
        {
            if (db.TryMove(c, to, header.Actor, facts, me.UserName, summary, now) is { } refusal)
            {
                ModelState.AddModelError("", l[refusal]);
                return Page();
            }
        }
        var next = ReviewSchedule.NextReviewDue(today, Input.TierAfter!.Value, c.RiskLevel);
        db.CaseReviews.Add(new CaseReview
        {
            CaseId = id, ReviewedOn = today, ReviewedBy = me.UserName, Summary = summary, Decision = decision,
            TierBefore = c.Tier, TierAfter = Input.TierAfter.Value, NextReviewDueOn = next, RecordedAt = now,
            Progress = Goals.Select(g => new ReviewGoalProgress
            {
                PlanGoalId = g.Id, Progress = Input.Progress[g.Id]!.Value,
                Note = Input.Notes.TryGetValue(g.Id, out var n) ? TypedText.OrNull(n) : null,
            }).ToList(),
        });
        c.Tier = Input.TierAfter.Value;
        c.NextReviewDueOn = next;
        if (!await db.TrySaveAsync())
        {
            Conflict = true;
            return Page();
        }
        TempData["Flash"] = l["Review.Saved"].Value;
        return RedirectToPage(decision == ReviewDecision.Close ? "/Cases/Close" : "/Cases/CasePage/Details", new { id });
    }

    private async Task PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        Goals = (await db.CurrentApprovedPlanAsync(header.Id))?.Goals.OrderBy(g => g.Order).ToList() ?? [];
    }
}
