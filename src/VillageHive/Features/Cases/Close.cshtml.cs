using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Notifications;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// Closing a case, in two steps (<see cref="ClosureRules"/>): a worker who may work the case proposes it (why, how
/// each goal of the current approved plan ended, the final scaling, and why any work still open does not hold it
/// up); a supervisor of the commune who did not propose it approves it, and the case closes, or returns it with a
/// reason. The work still open on the case is listed to both.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CloseModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public CloseInput Input { get; set; } = new();
    [BindProperty] public DecisionInput Decision { get; set; } = new();

    public CaseHeading Heading { get; private set; } = null!;
    public CaseHeader Header { get; private set; } = null!;
    public int HouseholdId { get; private set; }
    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];
    public ClosureQueries.OpenWork OpenWork { get; private set; } = new(ClosureOpenWork.None, []);
    /// <summary>The proposal waiting for a decision, with its goal outcomes.</summary>
    public CaseClosure? Proposal { get; private set; }
    /// <summary>The latest proposal a supervisor returned, shown to whoever proposes again.</summary>
    public CaseClosure? LastReturned { get; private set; }
    /// <summary>Null when this user may propose now; otherwise why not (text key).</summary>
    public string? ProposeRefusal { get; private set; }
    public bool MayDecide { get; private set; }
    public bool Conflict { get; private set; }
    /// <summary>The latest form 2 scoring: its total is advice on closing (MoSVY form 6: 48 or more), never a condition.</summary>
    public Forms.ScorePoint? LatestScoring { get; private set; }

    public sealed class CloseInput
    {
        public ClosureReason? Reason { get; set; }
        public string? Note { get; set; }
        /// <summary>Why the case closes with work still open (plan actions, tasks, referrals, support).</summary>
        public string? OpenActionsReason { get; set; }
        /// <summary>Goal id → outcome.</summary>
        public Dictionary<int, GoalOutcome?> Outcomes { get; set; } = [];
        public int? WorkerScale { get; set; }
        public int? FamilyScale { get; set; }
        public int? NetworkScale { get; set; }
        public int? ChildScale { get; set; }
        public int Version { get; set; }
    }

    public sealed class DecisionInput
    {
        /// <summary>The proposal's version the supervisor saw.</summary>
        public int? Version { get; set; }
        public string? ReturnReason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        Input.Version = header.Version;
        if (Proposal is null && ProposeRefusal is { } refusal) ModelState.AddModelError("", l[refusal]);
        return Page();
    }

    /// <summary>Proposes the closure.</summary>
    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        if (ModelState.TryGetValue("Input.Version", out var version) && version.Errors.Count > 0)
        {
            // The hidden version was tampered with: show the case as it is now.
            Conflict = true;
            Input.Version = header.Version;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            // Garbage in a number or choice: the binder's own message is shown beside the field.
            return Page();
        }
        if (ProposeRefusal is { } refusal)
        {
            ModelState.AddModelError("", l[refusal]);
            return Page();
        }
        foreach (var (field, value) in new[] { ("WorkerScale", Input.WorkerScale), ("FamilyScale", Input.FamilyScale), ("NetworkScale", Input.NetworkScale), ("ChildScale", Input.ChildScale) })
        {
            if (!SafetyScale.IsValid(value)) ModelState.AddModelError("Input." + field, l["Validation.Scale"]);
        }
        var answered = Goals.Where(g => Input.Outcomes.TryGetValue(g.Id, out var o) && o is { } v && Enum.IsDefined(v)).ToList();
        foreach (var g in Goals.Except(answered)) ModelState.AddModelError($"Input.Outcomes[{g.Id}]", l["Validation.Required"]);
        foreach (var (field, key) in ClosureRules.Incomplete(Input.Reason, Goals.Count, answered.Count, Input.WorkerScale, OpenWork.Counts, TypedText.OrNull(Input.OpenActionsReason)))
        {
            if (field == "Outcomes") ModelState.AddModelError("", l[key]);
            else if (!ModelState.ContainsKey("Input." + field) || ModelState["Input." + field]!.Errors.Count == 0) ModelState.AddModelError("Input." + field, l[key]);
        }
        if (Input.Note is { Length: > 2000 }) ModelState.AddModelError("Input.Note", l["Validation.TooLong"]);
        if (Input.OpenActionsReason is { Length: > 2000 }) ModelState.AddModelError("Input.OpenActionsReason", l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        if (Input.Version != header.Version)
        {
            Conflict = true;
            Input.Version = header.Version;
            return Page();
        }
        var now = clock.UtcNow;
        db.CaseClosures.Add(new CaseClosure
        {
            CaseId = id,
            Status = ClosureStatus.Proposed,
            ClosedOn = clock.DayOf(now),
            Reason = Input.Reason!.Value,
            Note = TypedText.OrNull(Input.Note),
            OpenActionsReason = OpenWork.Counts.Total > 0 ? TypedText.OrNull(Input.OpenActionsReason) : null,
            FinalWorkerScale = Input.WorkerScale,
            FinalFamilyScale = Input.FamilyScale,
            FinalNetworkScale = Input.NetworkScale,
            FinalChildScale = Input.ChildScale,
            ClosedBy = me.UserName,
            RecordedAt = now,
            GoalOutcomes = Goals.Select(g => new ClosureGoalOutcome { PlanGoalId = g.Id, Outcome = Input.Outcomes[g.Id]!.Value }).ToList(),
        });
        await db.StaffCoveringAsync(Roles.CaseSupervisors, header.VillageId, me.UserName, NotificationSubject.ClosureProposed, id, null, now);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Someone proposed at the same moment: one proposal waits at a time.
            ModelState.AddModelError("", l["Case.Close.AlreadyProposed"]);
            return Page();
        }
        TempData["Flash"] = l["Case.Close.Proposed"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    /// <summary>A supervisor who did not propose it approves the closure: the case closes.</summary>
    public Task<IActionResult> OnPostApproveAsync(int id) => DecideAsync(id, approving: true);

    /// <summary>A supervisor who did not propose it sends the closure back with a reason: the case stays open.</summary>
    public Task<IActionResult> OnPostReturnAsync(int id) => DecideAsync(id, approving: false);

    private async Task<IActionResult> DecideAsync(int id, bool approving)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.Actor.Supervisor) return Forbid();
        await PrepareAsync(header);
        ModelState.Clear();
        if (Proposal is null)
        {
            ModelState.AddModelError("", l["Case.Close.NoneProposed"]);
            return Page();
        }
        var returnReason = TypedText.OrNull(Decision.ReturnReason);
        if (returnReason is { Length: > 2000 }) ModelState.AddModelError("Decision.ReturnReason", l["Validation.TooLong"]);
        else if (ClosureRules.DecideRefusal(Proposal.Status, header.Actor.Supervisor, Proposal.ClosedBy, me.UserName, approving, returnReason) is { } refusal)
            ModelState.AddModelError(refusal == "Case.Close.ReturnReasonRequired" ? "Decision.ReturnReason" : "", l[refusal]);
        if (!ModelState.IsValid) return Page();
        if (Decision.Version != Proposal.Version)
        {
            Conflict = true;
            return Page();
        }
        var now = clock.UtcNow;
        var closure = await db.CaseClosures.FirstAsync(x => x.Id == Proposal.Id);
        db.ExpectVersion(closure, Proposal.Version);
        closure.DecidedBy = me.UserName;
        closure.DecidedAt = now;
        if (approving)
        {
            var facts = await db.FactsAsync(id);
            var c = await db.Cases.FirstAsync(x => x.Id == id);
            var reason = closure.Note ?? l.Label(closure.Reason);
            if (db.TryMove(c, CaseStatus.Closed, header.Actor, facts, me.UserName, reason, now) is { } moveRefusal)
            {
                ModelState.AddModelError("", l[moveRefusal]);
                return Page();
            }
            closure.Status = ClosureStatus.Approved;
            closure.ClosedOn = clock.DayOf(now);
            c.NextReviewDueOn = null;
        }
        else
        {
            closure.Status = ClosureStatus.Returned;
            closure.ReturnReason = returnReason;
        }
        if (!await db.TrySaveAsync())
        {
            Conflict = true;
            return Page();
        }
        TempData["Flash"] = l[approving ? "Case.Close.Done" : "Case.Close.Returned"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    private async Task PrepareAsync(CaseHeader header)
    {
        Header = header;
        Heading = await CaseHeading.LoadAsync(db, header);
        HouseholdId = header.HouseholdId;
        Goals = (await db.CurrentApprovedPlanAsync(header.Id))?.Goals.OrderBy(g => g.Order).ToList() ?? [];
        OpenWork = await db.OpenWorkAsync(header.Id);
        LatestScoring = (await Forms.ScorePoint.ForCaseAsync(db, header.Id)).LastOrDefault();
        var latest = await db.CaseClosures.AsNoTracking().Include(x => x.GoalOutcomes).ThenInclude(o => o.PlanGoal)
            .Where(x => x.CaseId == header.Id && x.Status != ClosureStatus.Approved)
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync();
        Proposal = latest is { Status: ClosureStatus.Proposed } ? latest : null;
        LastReturned = latest is { Status: ClosureStatus.Returned } ? latest : null;
        ProposeRefusal = ClosureRules.ProposeRefusal(header.Status, header.Actor, Proposal is not null);
        MayDecide = Proposal is not null && header.Actor.Supervisor && Proposal.ClosedBy != me.UserName;
    }
}
