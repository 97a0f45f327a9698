using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Care;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Cases.CasePage;

/// <summary>
/// The case page: who the family is, what to do next, every part of the work and one timeline of all that
/// happened. One query per kind of record, however long the history (checked by a test).
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, AuditLog audit, HiveClock clock, IStringLocalizer<SharedResource> l,
    Shared.PeopleNames people) : PageModel
{
    public CaseHeader Header { get; private set; } = null!;
    public SummaryView Summary { get; private set; } = null!;
    public IReadOnlyList<AssessmentRow> Assessments { get; private set; } = [];
    public IReadOnlyList<NetworkRow> Network { get; private set; } = [];
    public IReadOnlyList<PlanVersionRow> PlanVersions { get; private set; } = [];
    public IReadOnlyList<GoalRow> PlanGoals { get; private set; } = [];
    public IReadOnlyList<ActionRow> PlanActions { get; private set; } = [];
    public IReadOnlyList<VisitRow> Visits { get; private set; } = [];
    public IReadOnlyList<NoteRow> Notes { get; private set; } = [];
    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];
    public IReadOnlyList<ConferenceRow> Conferences { get; private set; } = [];
    public IReadOnlyList<ClosureRow> Closures { get; private set; } = [];
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<CaseMove> Moves { get; private set; } = [];
    public EscalationRow? PendingEscalation { get; private set; }
    public TransferRow? PendingTransfer { get; private set; }
    /// <summary>The closure proposal waiting for a supervisor, if any.</summary>
    public ClosureRow? PendingClosure { get; private set; }
    public IReadOnlyList<ScalingPoint> Scaling { get; private set; } = [];
    /// <summary>Form 2's scorings over time (MoSVY forms), for the chart.</summary>
    public IReadOnlyList<Forms.ScorePoint> WellbeingScores { get; private set; } = [];
    public DateOnly Today { get; private set; }
    /// <summary>The case's own work due soonest (visits, tasks, reviews, plan actions, assessments, answers to chase), first on the page.</summary>
    public IReadOnlyList<WorkItem> Due { get; private set; } = [];
    /// <summary>How far ahead the page looks for the case's due work, in days.</summary>
    public const int DueDays = 30;
    /// <summary>Work items shown at the top; the rest are in their parts of the page.</summary>
    public const int DueShown = 3;
    /// <summary>Timeline entries shown before "the whole timeline".</summary>
    public const int TimelineShown = 6;
    /// <summary>Each child's care arrangement today, by person (a child without one has none here).</summary>
    public IReadOnlyDictionary<int, CareQueries.Row> ChildCare { get; private set; } = new Dictionary<int, CareQueries.Row>();

    public sealed record ChildView(int Id, string NameKm, string? NameLatin, Sex Sex, int? Age);
    public sealed record SummaryView(DateTime OpenedAt, DateOnly? AssessmentDueOn, DateOnly? NextReviewDueOn, DateTime? ClosedAt,
        string? HeadKm, string? HeadLatin, string VillageKm, string VillageEn, string? Phone, int ReferralId, DateTime ReferralReceivedAt,
        Concerns Concerns, IReadOnlyList<ChildView> Children, ScreeningDecision? Decision, int? Score, string? ScreenedBy, DateTime? ScreenedAt);
    public sealed record AssessmentRow(int Id, int Number, DateOnly AssessedOn, AssessmentStatus Status, int? WorkerScale, int? FamilyScale,
        int? NetworkScale, int? ChildScale, string? DangerStatements, IReadOnlyList<string> SafetyGoals, string CreatedBy, DateTime CreatedAt,
        string? ApprovedBy, DateTime? ApprovedAt);
    public sealed record NetworkRow(int Id, string Name, NetworkRelation Relation, string? Phone, string? RoleInPlan, bool Active, int? PersonId);
    public sealed record PlanVersionRow(int Id, int Number, PlanStatus Status, string CreatedBy, DateTime CreatedAt, DateOnly? AgreedOn,
        string? ApprovedBy, DateTime? ApprovedAt, string? ChangeReason);
    public sealed record GoalRow(int Id, int Order, string Text);
    public sealed record ActionRow(int GoalOrder, string Text, ActionOwnerKind OwnerKind, string? Owner, DateOnly DueOn, ActionStatus Status);
    public sealed record VisitRow(DateOnly VisitedOn, string Place, string WhoWasSeen, bool ChildSeenAlone, string Observations, int? WorkerScale,
        string RecordedBy, DateTime RecordedAt);
    public sealed record NoteRow(string Text, bool Confidential, string WrittenBy, DateTime WrittenAt);
    public sealed record TaskRow(string Text, DateOnly DueOn, string AssignedTo, DateTime CreatedAt, string CreatedBy, DateTime? DoneAt, string? DoneBy);
    public sealed record ReviewRow(DateOnly ReviewedOn, string ReviewedBy, string Summary, ReviewDecision Decision, Tier TierBefore, Tier TierAfter,
        DateOnly? NextReviewDueOn, DateTime RecordedAt);
    public sealed record ConferenceRow(DateOnly HeldOn, string Place, string Decisions, string? FollowUps, IReadOnlyList<string> Participants,
        string RecordedBy, DateTime RecordedAt);
    /// <summary>A closure proposed (ClosedBy, RecordedAt), then approved or returned (DecidedBy, DecidedAt), perhaps reopened later.</summary>
    public sealed record ClosureRow(DateOnly ClosedOn, ClosureReason Reason, string? Note, string ClosedBy, DateTime RecordedAt,
        DateTime? ReopenedAt, string? ReopenedBy, string? ReopenReason, ClosureStatus Status, string? DecidedBy, DateTime? DecidedAt, string? ReturnReason);
    public sealed record TransitionRow(CaseStatus From, CaseStatus To, DateTime At, string By, string? Reason);
    public sealed record AssignmentRow(string From, string To, string By, DateTime At, string Reason, bool Handover);
    public sealed record EscalationRow(string RequestedBy, DateTime RequestedAt, string Reason, string? AcceptedBy, DateTime? AcceptedAt);
    public sealed record TransferRow(string ToCommuneKm, string ToCommuneEn, string RequestedBy, DateTime RequestedAt, string Reason,
        bool? Accepted, string? DecidedBy, DateTime? DecidedAt);

    /// <summary>One line of the timeline: when, a text key with its arguments, who, and where to read more.</summary>
    public sealed record TimelineEntry(DateTime At, string Kind, string Text, string? By, string? Link);

    /// <summary>A safety-scale reading for the chart: from an assessment (all four voices) or a visit (the worker).</summary>
    public sealed record ScalingPoint(DateOnly On, string Label, int? Worker, int? Family, int? Network, int? Child);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        Header = header;
        Today = clock.Today;
        var caseId = header.Id;

        var s = await CasePageQueries.Summary.For(db)(db, caseId);
        Summary = new SummaryView(s.OpenedAt, s.AssessmentDueOn, s.NextReviewDueOn, s.ClosedAt, Household.Shown(s.HeadKm), s.HeadLatin,
            s.VillageKm, s.VillageEn, s.Phone, s.ReferralId, s.ReceivedAt, s.Concerns,
            s.Children.Where(ch => ch.Km != null).Select(ch => new ChildView(ch.PersonId, ch.Km!, string.IsNullOrWhiteSpace(ch.Latin) ? null : ch.Latin.Trim(), ch.Sex!.Value,
                Person.Age(ch.DateOfBirth, ch.EstimatedBirthYear, Today))).ToList(),
            s.Decision, s.Score, s.ScreenedBy, s.ScreenedAt);

        // Where each child lives: one query for all the children, not one a child.
        ChildCare = await CareQueries.CurrentAsync(db, Summary.Children.Select(c => c.Id).ToList(), Today);

        var has = s.Has;
        Assessments = await CasePageQueries.ListIf(has.Assessments, () => CasePageQueries.Assessments.For(db)(db, caseId));
        Network = await CasePageQueries.ListIf(has.Network, () => CasePageQueries.Network.For(db)(db, caseId));
        PlanVersions = await CasePageQueries.ListIf(has.Plans, () => CasePageQueries.PlanVersions.For(db)(db, caseId));
        PlanGoals = await CasePageQueries.ListIf(has.Plans, () => CasePageQueries.PlanGoals.For(db)(db, caseId));
        PlanActions = await CasePageQueries.ListIf(has.Plans, () => CasePageQueries.PlanActions.For(db)(db, caseId));
        Visits = await CasePageQueries.ListIf(has.Visits, () => CasePageQueries.Visits.For(db)(db, caseId));
        Notes = await CasePageQueries.ListIf(has.Notes, () => CasePageQueries.Notes.For(db)(db, caseId, header.SeesConfidential));
        Tasks = await CasePageQueries.ListIf(has.Tasks, () => CasePageQueries.Tasks.For(db)(db, caseId));
        Reviews = await CasePageQueries.ListIf(has.Reviews, () => CasePageQueries.Reviews.For(db)(db, caseId));
        Conferences = await CasePageQueries.ListIf(has.Conferences, () => CasePageQueries.Conferences.For(db)(db, caseId));
        Closures = await CasePageQueries.ListIf(has.Closures, () => CasePageQueries.Closures.For(db)(db, caseId));
        var transitions = await CasePageQueries.ListIf(has.Transitions, () => CasePageQueries.Transitions.For(db)(db, caseId));
        var escalations = s.Escalations;
        var transfers = s.Transfers;

        PendingEscalation = escalations.LastOrDefault(e => e.AcceptedAt is null);
        PendingTransfer = transfers.LastOrDefault(t => t.Accepted is null);
        PendingClosure = Closures.FirstOrDefault(c => c.Status == ClosureStatus.Proposed);
        // Closing has its own button (a proposal, then a supervisor's decision).
        Moves = CaseWorkflow.MovesFrom(header.Status, header.Actor).Where(m => m.To != CaseStatus.Closed).ToList();
        Scaling = CaseTimeline.Scaling(l, Assessments, Visits);
        // What is next: the same rules as My work, asked about this case only (one UNION over one case id).
        if (CaseWorkflow.IsWorking(header.Status))
        {
            var rows = await WorkItems.DueBefore(db, me, Today, Today.AddDays(DueDays), [caseId], casesOnly: true)
                .Where(r => r.CaseId == caseId).OrderBy(r => r.DueOn).Take(DueShown).ToListAsync();
            // The page is the household's own: its rows need no household names.
            Due = [.. rows.Select(r => new WorkItem(r, null))];
        }
        WellbeingScores = await Forms.ScorePoint.ForCaseAsync(db, caseId);
        Timeline = CaseTimeline.Build(l, clock, Url, caseId, Summary, Assessments, PlanVersions, Visits, Notes, Tasks, Reviews, Conferences, Closures,
            transitions, escalations, transfers,
            // A change of lead names the people (issue 19), not their login names.
            [.. s.Assignments.Select(a => a with { From = people.Of(a.From), To = people.Of(a.To) })]);
        await audit.RecordReadAsync("Case", caseId);
        return Page();
    }

    public bool IsOverdue(DateOnly? due) => due is { } d && d < Today;
}
