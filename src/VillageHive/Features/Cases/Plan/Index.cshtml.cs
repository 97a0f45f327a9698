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

namespace VillageHive.Features.Cases.Plan;

/// <summary>
/// The support / safety plan: the current version (or an older one, read-only, with ?number=N) and the list of
/// versions. Workers agree it with the family and record each action's progress; a supervisor approves it.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }

    [BindProperty(Name = "Agree")] public AgreeInput Agree { get; set; } = new();
    [BindProperty(Name = "Progress")] public StatusInput Progress { get; set; } = new();

    public sealed class AgreeInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        public int? PlanId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        public int? Version { get; set; }

        [Display(Name = "Plan.AgreedOn")]
        public DateOnly? AgreedOn { get; set; }

        [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Plan.PresentAtAgreement")]
        public string? Present { get; set; }
    }

    public sealed class StatusInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        public int? ActionId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        public ActionStatus? Status { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        public int? Version { get; set; }
    }

    public int Id { get; private set; }
    public CaseHeader Header { get; private set; } = null!;
    public SupportPlan? Plan { get; private set; }
    public bool IsCurrent { get; private set; }
    public bool MayWork { get; private set; }
    public IReadOnlyList<(int Number, PlanStatus Status, DateTime CreatedAt, string CreatedBy, string? Reason)> Versions { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Members { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<int, string> SafetyGoals { get; private set; } = new Dictionary<int, string>();
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id, Number) is { } missing) return missing;
        if (Number is not null && Plan is null) return NotFound();
        Agree.AgreedOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAgreeAsync(int id)
    {
        if (await LoadAsync(id, null) is { } missing) return missing;
        if (!MayWork) return Header.MayWork ? Refused(CaseRules.TakesNoWorkKey) : Forbid();
        ClearErrors("Progress.");
        if (Agree.PlanId is null || Agree.Version is null) ModelState.AddModelError("", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        if (Plan is null || Plan.Id != Agree.PlanId) return Refused("Plan.NewerVersion", StatusCodes.Status409Conflict);
        if (SupportPlans.AgreeRefusal(Plan, Agree.AgreedOn, Agree.Present, Today) is { } key) return Refused(key);
        Plan.Status = PlanStatus.Agreed;
        Plan.AgreedOn = Agree.AgreedOn;
        Plan.PresentAtAgreement = Agree.Present!.Trim();
        await db.StaffCoveringAsync(Roles.CaseSupervisors, Header.VillageId, me.UserName, NotificationSubject.PlanAgreed, id, Plan.Id, clock.UtcNow);
        return await SaveAsync(id, Plan, Agree.Version!.Value);
    }

    /// <summary>Set by the discard button: the page asks to confirm before the draft goes.</summary>
    [BindProperty(SupportsGet = true, Name = "discard")] public bool AskDiscard { get; set; }

    /// <summary>The worker who started the current draft version discards it, after confirming (the confirmation's form carries confirm=yes).</summary>
    public async Task<IActionResult> OnPostDiscardAsync(int id, string? confirm)
    {
        if (await LoadAsync(id, null) is { } missing) return missing;
        if (!MayWork) return Header.MayWork ? Refused(CaseRules.TakesNoWorkKey) : Forbid();
        ModelState.Clear();
        if (Plan is null) return Refused("Draft.OnlyDraft");
        if (Drafts.DiscardRefusal(Plan.Status == PlanStatus.Draft, Plan.CreatedBy, me.UserName) is { } key) return Refused(key);
        if (confirm != "yes")
        {
            AskDiscard = true;
            return Page();
        }
        db.SupportPlans.Remove(Plan);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved) return Refused("Draft.CannotDiscard");
        TempData["Flash"] = l["Draft.Discarded"].Value;
        return RedirectToPage("/Cases/CasePage/Details", pageHandler: null, new { id }, "plan");
    }

    public async Task<IActionResult> OnPostApproveAsync(int id)
    {
        if (await LoadAsync(id, null) is { } missing) return missing;
        if (!Header.Actor.Supervisor || !me.IsInAnyRole(Roles.CaseSupervisors)) return Forbid();
        if (!Header.TakesWork) return Refused(CaseRules.TakesNoWorkKey);
        ClearErrors("Progress.");
        ClearErrors("Agree.AgreedOn");
        ClearErrors("Agree.Present");
        if (Agree.PlanId is null || Agree.Version is null) ModelState.AddModelError("", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        if (Plan is null || Plan.Id != Agree.PlanId) return Refused("Plan.NewerVersion", StatusCodes.Status409Conflict);
        var approvedAssessment = await db.Assessments.AnyAsync(a => a.CaseId == id && a.Status == AssessmentStatus.Approved);
        if (SupportPlans.ApproveRefusal(Plan.Status, Header.Actor.Supervisor, approvedAssessment) is { } key) return Refused(key);
        var now = clock.UtcNow;
        Plan.Status = PlanStatus.Approved;
        Plan.ApprovedBy = me.UserName;
        Plan.ApprovedAt = now;
        var c = await db.Cases.FirstAsync(x => x.Id == id);
        c.NextReviewDueOn ??= ReviewSchedule.NextReviewDue(Today, c.Tier, c.RiskLevel);
        return await SaveAsync(id, Plan, Agree.Version!.Value);
    }

    /// <summary>Progress on one action of the current version: recorded on the action, no new plan version.</summary>
    public async Task<IActionResult> OnPostActionStatusAsync(int id)
    {
        if (await LoadAsync(id, null) is { } missing) return missing;
        if (!MayWork) return Header.MayWork ? Refused(CaseRules.TakesNoWorkKey) : Forbid();
        ClearErrors("Agree.");
        if (Progress.ActionId is null || Progress.Version is null || Progress.Status is null) ModelState.AddModelError("", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        var action = Plan?.Actions.FirstOrDefault(a => a.Id == Progress.ActionId);
        if (action is null)
        {
            // An action of an older version: its progress belongs to the current one.
            var old = await db.PlanActions.AnyAsync(a => a.Id == Progress.ActionId && a.Plan!.CaseId == id);
            return old ? Refused("Plan.NewerVersion", StatusCodes.Status409Conflict) : NotFound();
        }
        action.Status = Progress.Status!.Value;
        db.ExpectVersion(action, Progress.Version!.Value);
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, null);
            return Refused("Concurrency.Changed", StatusCodes.Status409Conflict);
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Plan/Index", new { id });
    }

    private async Task<IActionResult> SaveAsync(int id, SupportPlan plan, int version)
    {
        db.ExpectVersion(plan, version);
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, null);
            return Refused("Concurrency.Changed", StatusCodes.Status409Conflict);
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/CasePage/Details", pageHandler: null, new { id }, "plan");
    }

    private PageResult Refused(string key, int status = StatusCodes.Status200OK)
    {
        ModelState.AddModelError("", l[key]);
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    private void ClearErrors(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private async Task<IActionResult?> LoadAsync(int id, int? number)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        Id = id;
        Header = header;
        Today = clock.Today;
        MayWork = header.MayRecord;
        var current = await db.CurrentPlanAsync(id);
        Plan = number is { } n && n != current?.Number
            ? await db.SupportPlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions).FirstOrDefaultAsync(p => p.CaseId == id && p.Number == n)
            : current;
        IsCurrent = Plan is not null && Plan == current;
        Versions = (await db.SupportPlans.AsNoTracking().Where(p => p.CaseId == id).OrderByDescending(p => p.Number)
                .Select(p => new { p.Number, p.Status, p.CreatedAt, p.CreatedBy, p.ChangeReason }).ToListAsync())
            .Select(p => (p.Number, p.Status, p.CreatedAt, p.CreatedBy, p.ChangeReason)).ToList();
        Members = await db.FamilyNetworkMembers.AsNoTracking().Where(m => m.CaseId == id).ToDictionaryAsync(m => m.Id, m => m.Name);
        SafetyGoals = await db.SafetyGoals.AsNoTracking().Where(g => g.CaseId == id).ToDictionaryAsync(g => g.Id, g => g.Text);
        return null;
    }

    public string Owner(PlanAction a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.OwnerKind switch
        {
            ActionOwnerKind.Worker => a.OwnerWorker ?? "",
            ActionOwnerKind.NetworkMember => a.OwnerNetworkMemberId is { } m && Members.TryGetValue(m, out var name) ? name : "",
            _ => a.OwnerProvider ?? "",
        };
    }
}
