using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>Closing a case: why, how each goal of the current approved plan ended, the final scaling; one save.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CloseModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public CloseInput Input { get; set; } = new();

    public CaseHeading Heading { get; private set; } = null!;
    public int HouseholdId { get; private set; }
    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];
    public CaseFacts Facts { get; private set; } = new(false, false, 0);
    public bool Conflict { get; private set; }

    public sealed class CloseInput
    {
        public ClosureReason? Reason { get; set; }
        public string? Note { get; set; }
        public string? OpenActionsReason { get; set; }
        /// <summary>Goal id → outcome.</summary>
        public Dictionary<int, GoalOutcome?> Outcomes { get; set; } = [];
        public int? WorkerScale { get; set; }
        public int? FamilyScale { get; set; }
        public int? NetworkScale { get; set; }
        public int? ChildScale { get; set; }
        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        Input.Version = header.Version;
        var refusal = CaseWorkflow.Refusal(header.Status, CaseStatus.Closed, header.Actor, Facts, "-");
        if (refusal is not null) ModelState.AddModelError("", l[refusal]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        if (!ModelState.IsValid)
        {
            // Garbage in a number or choice: the binder's own message is shown beside the field.
            return Page();
        }
        if (Input.Reason is null || !Enum.IsDefined(Input.Reason.Value)) ModelState.AddModelError("Input.Reason", l["Validation.Required"]);
        foreach (var (field, value) in new[] { ("WorkerScale", Input.WorkerScale), ("FamilyScale", Input.FamilyScale), ("NetworkScale", Input.NetworkScale), ("ChildScale", Input.ChildScale) })
        {
            if (value is < 0 or > 10) ModelState.AddModelError("Input." + field, l["Validation.Scale"]);
        }
        foreach (var g in Goals)
        {
            if (!Input.Outcomes.TryGetValue(g.Id, out var o) || o is null || !Enum.IsDefined(o.Value))
                ModelState.AddModelError($"Input.Outcomes[{g.Id}]", l["Validation.Required"]);
        }
        if (Input.Note is { Length: > 2000 }) ModelState.AddModelError("Input.Note", l["Validation.TooLong"]);
        if (Input.OpenActionsReason is { Length: > 2000 }) ModelState.AddModelError("Input.OpenActionsReason", l["Validation.TooLong"]);
        if (CaseWorkflow.ClosureRefusal(Facts, Input.OpenActionsReason) is { } openRefusal)
            ModelState.AddModelError("Input.OpenActionsReason", l[openRefusal]);
        if (!ModelState.IsValid) return Page();
        if (Input.Version != header.Version)
        {
            Conflict = true;
            Input.Version = header.Version;
            return Page();
        }
        var reasonText = TypedText.OrNull(Input.Note) ?? Input.Reason!.Value.ToString();
        var now = clock.UtcNow;
        var c = await db.Cases.FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, Input.Version);
        if (db.TryMove(c, CaseStatus.Closed, header.Actor, Facts, me.UserName, reasonText, now) is { } refusal)
        {
            ModelState.AddModelError("", l[refusal]);
            return Page();
        }
        db.CaseClosures.Add(new CaseClosure
        {
            CaseId = id,
            ClosedOn = clock.DayOf(now),
            Reason = Input.Reason!.Value,
            Note = TypedText.OrNull(Input.Note),
            OpenActionsReason = Facts.OpenPlanActions > 0 ? TypedText.OrNull(Input.OpenActionsReason) : null,
            FinalWorkerScale = Input.WorkerScale,
            FinalFamilyScale = Input.FamilyScale,
            FinalNetworkScale = Input.NetworkScale,
            FinalChildScale = Input.ChildScale,
            ClosedBy = me.UserName,
            RecordedAt = now,
            GoalOutcomes = Goals.Select(g => new ClosureGoalOutcome { PlanGoalId = g.Id, Outcome = Input.Outcomes[g.Id]!.Value }).ToList(),
        });
        if (!await db.TrySaveAsync())
        {
            Conflict = true;
            Input.Version = (await db.LoadAsync(me, id))?.Version ?? Input.Version;
            return Page();
        }
        TempData["Flash"] = l["Case.Close.Done"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    private async Task PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        HouseholdId = header.HouseholdId;
        Facts = await db.FactsAsync(header.Id);
        Goals = (await db.CurrentApprovedPlanAsync(header.Id))?.Goals.OrderBy(g => g.Order).ToList() ?? [];
    }
}
