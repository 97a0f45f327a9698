using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Referrals;

/// <summary>
/// Screening by risk of family separation: the checklist gives a score and a proposed decision; the worker may
/// decide otherwise only with a written reason. Eligible referrals open a case.
/// </summary>
[Authorize(Policy = Policies.Screening)]
public sealed class ScreeningModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ScreeningInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string Children { get; private set; } = "";
    public Urgency Urgency { get; private set; }
    /// <summary>What the referrer reported, shown read-only above the checklist.</summary>
    public Concerns Concerns { get; private set; }
    public string? ConcernNote { get; private set; }
    /// <summary>The criteria ticked because the referrer's concerns imply them (first showing only).</summary>
    public IReadOnlyList<int> Implied { get; private set; } = [];
    public ScreeningCriteriaVersion Criteria { get; private set; } = null!;
    public ScreeningScorer.Proposal? Proposal { get; private set; }

    public sealed class ScreeningInput
    {
        /// <summary>The checklist version the worker was shown: the screening keeps it even if a new one is saved meanwhile.</summary>
        public int? VersionId { get; set; }

        public List<int> Met { get; set; } = [];

        /// <summary>Null until the worker has seen the proposal; then their decision.</summary>
        [Display(Name = "Screening.Decision")]
        public ScreeningDecision? Decision { get; set; }

        [Display(Name = "Screening.Priority")]
        public Priority? Priority { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Screening.OverrideReason")]
        public string? OverrideReason { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Screening.Note")]
        public string? Note { get; set; }

        [Display(Name = "Screening.OpenCase")]
        public bool OpenCase { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var referral = await LoadAsync(id);
        if (referral is null) return NotFound();
        if (referral.Screening is not null) return RedirectToPage("/Referrals/Details", new { id });
        // First showing: start from what the referrer reported. After a post the worker's own ticks stay.
        Implied = ConcernCriteria.Of(referral.Concerns, Criteria);
        Input.Met = [.. Implied];
        return Page();
    }

    /// <summary>Recomputes the proposal from the ticked criteria without saving (works without JavaScript).</summary>
    public async Task<IActionResult> OnPostScoreAsync(int id)
    {
        var referral = await LoadAsync(id);
        if (referral is null) return NotFound();
        ModelState.Clear();
        Proposal = ScreeningScorer.Propose(Criteria, Input.Met, Urgency);
        Input.Decision = Proposal.Decision;
        Input.Priority = Proposal.Priority;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var referral = await LoadAsync(id);
        if (referral is null) return NotFound();
        if (referral.Screening is not null) return RedirectToPage("/Referrals/Details", new { id });
        Proposal = ScreeningScorer.Propose(Criteria, Input.Met, Urgency);
        if (Input.Decision is null) ModelState.AddModelError("Input.Decision", l["Validation.Required"]);
        if (Input.Priority is null) ModelState.AddModelError("Input.Priority", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        if (ScreeningScorer.NeedsReason(Proposal, Input.Decision!.Value, Input.Priority!.Value) && string.IsNullOrWhiteSpace(Input.OverrideReason))
        {
            ModelState.AddModelError("Input.OverrideReason", l["Screening.ReasonRequired"]);
            return Page();
        }
        var now = clock.UtcNow;
        referral.Screening = new Screening
        {
            CriteriaVersionId = Criteria.Id,
            MetCriteria = Input.Met.Where(m => Criteria.Criteria.Any(c => c.Id == m)).Distinct().ToList(),
            Score = Proposal.Score,
            ProposedDecision = Proposal.Decision,
            ProposedPriority = Proposal.Priority,
            Decision = Input.Decision.Value,
            Priority = Input.Priority.Value,
            OverrideReason = string.IsNullOrWhiteSpace(Input.OverrideReason) ? null : Input.OverrideReason.Trim(),
            Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim(),
            ScreenedBy = me.UserName,
            ScreenedAt = now,
        };
        referral.Status = ReferralStatus.Screened;
        if (Input.OpenCase && Input.Decision != ScreeningDecision.NoFurtherAction)
        {
            db.Cases.Add(CaseOpening.Open(referral, Input.Decision.Value, Input.Priority.Value, me.UserName, now, clock.DayOf(now)));
        }
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Someone else screened it at the same moment (the screening is unique per referral).
            return RedirectToPage("/Referrals/Details", new { id });
        }
        TempData["Flash"] = l["Screening.Saved"].Value;
        return RedirectToPage("/Referrals/Details", new { id });
    }

    private async Task<Referral?> LoadAsync(int id)
    {
        var referral = await db.ReferralsFor(me).Include(r => r.Screening).Include(r => r.Children).ThenInclude(c => c.Person)
            .FirstOrDefaultAsync(r => r.Id == id);
        if (referral is null) return null;
        Id = id;
        Urgency = referral.Urgency;
        Concerns = referral.Concerns;
        ConcernNote = referral.ConcernNote;
        Children = string.Join(", ", referral.Children.Select(c => c.Person!.DisplayNameKm));
        var shown = Input.VersionId;
        Criteria = (shown is { } v ? await db.ScreeningCriteriaVersions.Include(x => x.Criteria).FirstOrDefaultAsync(x => x.Id == v) : null)
            ?? await db.CurrentCriteriaAsync(clock);
        Input.VersionId = Criteria.Id;
        return referral;
    }
}
