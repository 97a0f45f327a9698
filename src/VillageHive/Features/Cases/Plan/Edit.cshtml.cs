using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Plan;

/// <summary>
/// Edits the plan's content. A draft changes in place; an agreed or approved plan is kept as it was and the change
/// makes a new draft version (<see cref="SupportPlans.NewVersion"/>). A form made from an older version is refused.
/// The form has a fixed number of spare rows (no script); "save and add more" brings new spare rows.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class EditModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Spare rows the form offers: one blank goal, and blank actions under each goal.</summary>
    public const int SpareActions = 3;

    [BindProperty(Name = "Input")] public PlanInput Input { get; set; } = new();

    public sealed class PlanInput
    {
        /// <summary>The version the form was made from; null for a case without a plan.</summary>
        public int? PlanId { get; set; }

        public int Version { get; set; }

        [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Plan.ChangeReason")]
        public string? ChangeReason { get; set; }

        public List<GoalRow> Goals { get; set; } = [];

        /// <summary>Set by the "save and add more" button: come back to the form with new spare rows.</summary>
        public bool More { get; set; }
    }

    public sealed class GoalRow
    {
        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        public string? Text { get; set; }

        public int? SafetyGoalId { get; set; }

        public List<ActionRow> Actions { get; set; } = [];
    }

    public sealed class ActionRow
    {
        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        public string? Text { get; set; }

        public string? Owner { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        public string? Provider { get; set; }

        public DateOnly? DueOn { get; set; }

        public ActionStatus Status { get; set; }
    }

    public int Id { get; private set; }
    public bool Frozen { get; private set; }
    public SupportPlan? Current { get; private set; }
    public IReadOnlyList<string> Workers { get; private set; } = [];
    public IReadOnlyList<FamilyNetworkMember> Members { get; private set; } = [];
    public IReadOnlyList<SafetyGoal> SafetyGoals { get; private set; } = [];

    /// <summary>An edit of an agreed or approved plan makes a new version and needs a reason.</summary>
    public bool MakesNewVersion => Current is not null && SupportPlans.EditOf(Current.Status) == PlanEdit.NewVersion;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Input = new PlanInput { PlanId = Current?.Id, Version = Current?.Version ?? 0 };
        if (Current is not null)
        {
            foreach (var g in Current.Goals.OrderBy(g => g.Order))
            {
                Input.Goals.Add(new GoalRow
                {
                    Text = g.Text, SafetyGoalId = g.SafetyGoalId,
                    Actions = Current.Actions.Where(a => a.GoalOrder == g.Order).OrderBy(a => a.Order)
                        .Select(a => new ActionRow
                        {
                            Text = a.Text, Owner = PlanQueries.OwnerValue(a), Provider = a.OwnerProvider, DueOn = a.DueOn, Status = a.Status,
                        })
                        .ToList(),
                });
            }
        }
        AddSpareRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Frozen)
        {
            ModelState.AddModelError("", l[CaseRules.TakesNoWorkKey]);
            return Page();
        }
        // The form was made from a version that is no longer the current one: nothing of it is saved.
        if ((Input.PlanId ?? 0) != (Current?.Id ?? 0) || Current?.Status == PlanStatus.Superseded)
        {
            ModelState.AddModelError("", l["Plan.NewerVersion"]);
            var stale = Page();
            stale.StatusCode = StatusCodes.Status409Conflict;
            return stale;
        }
        var drafts = Drafts();
        foreach (var problem in SupportPlans.Problems(drafts))
        {
            var at = problem.Action is { } a ? $"Input.Goals[{problem.Goal}].Actions[{a}]" : $"Input.Goals[{problem.Goal}]";
            ModelState.AddModelError(problem.Key == "Plan.NoGoals" ? "" : at, l[problem.Key]);
        }
        CheckChoices(drafts);
        if (MakesNewVersion && string.IsNullOrWhiteSpace(Input.ChangeReason))
            ModelState.AddModelError("Input.ChangeReason", l["Plan.ChangeReasonRequired"]);
        if (!ModelState.IsValid) return Page();

        var now = clock.UtcNow;
        SupportPlan target;
        if (Current is null)
        {
            target = new SupportPlan { CaseId = id, Number = 1, Status = PlanStatus.Draft, CreatedBy = me.UserName, CreatedAt = now };
            db.SupportPlans.Add(target);
        }
        else if (MakesNewVersion)
        {
            target = SupportPlans.NewVersion(Current, me.UserName, now, Input.ChangeReason!);
            db.SupportPlans.Add(target);
        }
        else
        {
            target = Current;
        }
        if (Current is not null) db.ExpectVersion(Current, Input.Version);
        SupportPlans.Apply(target, drafts, row => db.Remove(row));
        // A draft changed in place: its Version moves even when only goal or action rows changed.
        if (target == Current) db.Entry(Current).State = EntityState.Modified;
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Someone else changed the plan, or made the same new version, at the same moment.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["Plan.NewerVersion"]);
            var stale = Page();
            stale.StatusCode = StatusCodes.Status409Conflict;
            return stale;
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return Input.More ? RedirectToPage("/Cases/Plan/Edit", new { id }) : RedirectToPage("/Cases/CasePage/Details", pageHandler: null, new { id }, "plan");
    }

    private List<GoalDraft> Drafts() => Input.Goals.Select(g => new GoalDraft(g.Text, g.SafetyGoalId,
        g.Actions.Select(a =>
        {
            var (kind, worker, member, provider) = PlanQueries.ParseOwner(a.Owner, a.Provider);
            return new ActionDraft(a.Text, kind, worker, member, provider, a.DueOn, a.Status);
        }).ToList())).ToList();

    /// <summary>Owners and safety goals must be among those offered (a worker already named on the plan stays allowed).</summary>
    private void CheckChoices(List<GoalDraft> drafts)
    {
        var workers = Workers.Concat(Current?.Actions.Select(a => a.OwnerWorker).OfType<string>() ?? []).ToHashSet(StringComparer.Ordinal);
        var members = Members.Select(m => m.Id).ToHashSet();
        var goals = SafetyGoals.Select(g => g.Id).Concat(Current?.Goals.Select(g => g.SafetyGoalId).OfType<int>() ?? []).ToHashSet();
        for (var g = 0; g < drafts.Count; g++)
        {
            if (drafts[g].SafetyGoalId is { } sg && !goals.Contains(sg)) ModelState.AddModelError($"Input.Goals[{g}].SafetyGoalId", l["Validation.Invalid"]);
            for (var a = 0; a < drafts[g].Actions.Count; a++)
            {
                var d = drafts[g].Actions[a];
                if ((d.OwnerWorker is { } w && !workers.Contains(w)) || (d.OwnerNetworkMemberId is { } m && !members.Contains(m)))
                    ModelState.AddModelError($"Input.Goals[{g}].Actions[{a}].Owner", l["Validation.Invalid"]);
                if (!Enum.IsDefined(d.Status)) ModelState.AddModelError($"Input.Goals[{g}].Actions[{a}]", l["Validation.Invalid"]);
            }
        }
    }

    /// <summary>A blank goal at the end, and blank action rows under every goal.</summary>
    private void AddSpareRows()
    {
        Input.Goals.Add(new GoalRow());
        foreach (var g in Input.Goals)
            for (var i = 0; i < SpareActions; i++) g.Actions.Add(new ActionRow());
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = !header.TakesWork;
        Current = await db.CurrentPlanAsync(id);
        Workers = CaseWork.Workers(header, me.UserName);
        // Inactive members stay choosable only where the plan already names them (checked in CheckChoices by id).
        Members = await db.FamilyNetworkMembers.AsNoTracking().Where(m => m.CaseId == id).OrderBy(m => m.Name).ToListAsync();
        SafetyGoals = await CaseWork.ApprovedSafetyGoalsAsync(db, id);
        return null;
    }
}
