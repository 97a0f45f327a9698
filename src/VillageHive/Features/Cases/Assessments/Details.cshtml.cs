using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Notifications;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Cases.Assessments;

/// <summary>
/// One assessment: read by anyone who may see the case (an audited read), edited by the case workers until a
/// supervisor approves it; submitted, then approved or returned to draft with a note.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "Input")] public AssessmentInput Input { get; set; } = new();

    /// <summary>The version the user saw when deciding (submit, approve, return).</summary>
    [BindProperty(Name = "Decision")] public DecisionInput Decision { get; set; } = new();

    public sealed class DecisionInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        public int? Version { get; set; }

        [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.Note")]
        public string? Note { get; set; }
    }

    public int Id { get; private set; }
    public Assessment Assessment { get; private set; } = null!;
    public CaseHeader Header { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int assessmentId)
    {
        if (await LoadAsync(id, assessmentId) is { } missing) return missing;
        Input = AssessmentInput.From(Assessment);
        await audit.RecordReadAsync("Assessment", assessmentId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int assessmentId)
    {
        if (await LoadAsync(id, assessmentId) is { } missing) return missing;
        if (!Header.MayWork) return Forbid();
        ModelState.Remove("Decision.Version");
        if (Refuse() is { } refused) return refused;
        if (!AssessmentRules.MayEdit(Assessment.Status))
        {
            ModelState.AddModelError("", l["Assessment.Approved"]);
            return Page();
        }
        Input.Check(clock.Today, (field, key) => ModelState.AddModelError($"Input.{field}", l[key]));
        if (Input.AssessedOn is null) ModelState.AddModelError("Input.AssessedOn", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        if (Assessment.Version != Input.Version) return Conflicted();
        Input.ApplyTo(Assessment, g => db.SafetyGoals.Remove(g));
        db.ExpectVersion(Assessment, Input.Version);
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, assessmentId);
            return Conflicted();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Assessments/Details", new { id, assessmentId });
    }

    public Task<IActionResult> OnPostSubmitAsync(int id, int assessmentId) =>
        DecideAsync(id, assessmentId, requiresSupervisor: false, a => AssessmentRules.SubmitRefusal(a.Status) ?? AssessmentRules.Incomplete(a), a => a.Status = AssessmentStatus.Submitted);

    public Task<IActionResult> OnPostApproveAsync(int id, int assessmentId) =>
        DecideAsync(id, assessmentId, requiresSupervisor: true, a => AssessmentRules.ApproveRefusal(a.Status, Header.Actor.Supervisor) ?? AssessmentRules.Incomplete(a), a =>
        {
            a.Status = AssessmentStatus.Approved;
            a.ApprovedBy = me.UserName;
            a.ApprovedAt = clock.UtcNow;
            a.ApprovalNote = TypedText.OrNull(Decision.Note);
        });

    public Task<IActionResult> OnPostReturnAsync(int id, int assessmentId) =>
        DecideAsync(id, assessmentId, requiresSupervisor: true, a => AssessmentRules.ReturnRefusal(a.Status, Header.Actor.Supervisor, Decision.Note), a =>
        {
            a.Status = AssessmentStatus.Draft;
            a.ApprovalNote = TypedText.OrNull(Decision.Note);
        });

    /// <summary>Set by the discard button: the page asks to confirm before the draft goes.</summary>
    [BindProperty(SupportsGet = true, Name = "discard")] public bool AskDiscard { get; set; }

    /// <summary>
    /// The worker who started a draft discards it (a draft started by mistake), after confirming on the page: the form
    /// of the confirmation carries confirm=yes; without it the page asks.
    /// </summary>
    public async Task<IActionResult> OnPostDiscardAsync(int id, int assessmentId, string? confirm)
    {
        if (await LoadAsync(id, assessmentId) is { } missing) return missing;
        if (!Header.MayWork) return Forbid();
        Input = AssessmentInput.From(Assessment);
        ModelState.Clear();
        if (Refuse() is { } refused) return refused;
        if (Drafts.DiscardRefusal(Assessment.Status == AssessmentStatus.Draft, Assessment.CreatedBy, me.UserName) is { } key)
        {
            ModelState.AddModelError("", l[key]);
            return Page();
        }
        if (confirm != "yes")
        {
            AskDiscard = true;
            return Page();
        }
        db.Assessments.Remove(Assessment);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Changed meanwhile, or a plan's goal already rests on one of its safety goals.
            ModelState.AddModelError("", l["Draft.CannotDiscard"]);
            return Page();
        }
        TempData["Flash"] = l["Draft.Discarded"].Value;
        return RedirectToPage("/Cases/CasePage/Details", pageHandler: null, new { id }, "assessments");
    }

    private async Task<IActionResult> DecideAsync(int id, int assessmentId, bool requiresSupervisor, Func<Assessment, string?> refusal, Action<Assessment> decide)
    {
        if (await LoadAsync(id, assessmentId) is { } missing) return missing;
        if (!Header.MayWork || (requiresSupervisor && !Header.Actor.Supervisor)) return Forbid();
        Input = AssessmentInput.From(Assessment);
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (Refuse() is { } refused) return refused;
        if (Decision.Version is null) ModelState.AddModelError("", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        if (refusal(Assessment) is { } key2)
        {
            ModelState.AddModelError("", l[key2]);
            return Page();
        }
        if (Decision.Version != Assessment.Version)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Page();
        }
        decide(Assessment);
        if (Assessment.Status == AssessmentStatus.Submitted)
            await db.StaffCoveringAsync(Roles.CaseSupervisors, Header.VillageId, me.UserName, NotificationSubject.AssessmentSubmitted, id, assessmentId, clock.UtcNow);
        db.ExpectVersion(Assessment, Decision.Version.Value);
        if (!await db.TrySaveAsync())
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/CasePage/Details", pageHandler: null, new { id }, "assessments");
    }

    /// <summary>No work on a closed or transferring case.</summary>
    private PageResult? Refuse() => ModelState.RefuseUnlessTakesWork(Header, l) ? Page() : null;

    private PageResult Conflicted()
    {
        var theirs = AssessmentInput.From(Assessment);
        Conflict = AssessmentInput.Differences(Input, theirs).Select(r => ((string)l[r.Field], r.Mine, r.Theirs)).ToList();
        // The form keeps what this user typed; saving again now overwrites the other version knowingly.
        ModelState.Remove("Input.Version");
        Input.Version = Assessment.Version;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, int assessmentId)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        var assessment = await db.Assessments.Include(a => a.SafetyGoals).FirstOrDefaultAsync(a => a.Id == assessmentId && a.CaseId == id);
        if (assessment is null) return NotFound();
        Id = id;
        Header = header;
        Assessment = assessment;
        MayEdit = header.MayRecord && AssessmentRules.MayEdit(assessment.Status);
        return null;
    }
}
