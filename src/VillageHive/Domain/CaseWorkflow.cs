using System.Linq.Expressions;

namespace VillageHive.Domain;

/// <summary>Who is asking to move a case: its team (lead worker or member), or a supervisor of its commune.</summary>
public sealed record CaseActor(bool OnTeam, bool Supervisor);

/// <summary>
/// What the case has, as far as a move depends on it. <see cref="ClosureProposedBy"/>: who proposed the closure that
/// waits for a decision (null when none waits); a case closes only on such a proposal, by someone else.
/// </summary>
public sealed record CaseFacts(bool HasApprovedAssessment, bool HasApprovedPlan, int OpenPlanActions, string? ClosureProposedBy = null);

public enum MoveAuthority
{
    /// <summary>The case team or a supervisor.</summary>
    Team = 0,
    /// <summary>Only a Senior social worker or CCWC focal person of the case's commune.</summary>
    Supervisor = 1,
}

/// <summary>What <see cref="CaseWorkflow.Apply"/> did: the record of the move, or the text key of why it was refused.</summary>
public sealed record CaseMoveResult(CaseTransition? Record, string? Refusal);

/// <summary>One allowed move. <see cref="Screen"/> says where the move is made when it needs more than a reason.</summary>
public sealed record CaseMove(CaseStatus From, CaseStatus To, MoveAuthority Who, bool NeedsReason, string? Screen = null);

/// <summary>
/// The case state machine: open → assessment → planning → active support → review → closed, with
/// going back to re-assess or re-plan, reopening and transfer. Every move not listed is refused.
/// </summary>
public static class CaseWorkflow
{
    private static readonly CaseStatus[] Working =
        [CaseStatus.Open, CaseStatus.Assessment, CaseStatus.Planning, CaseStatus.ActiveSupport, CaseStatus.Review];

    public static readonly IReadOnlyList<CaseMove> Moves = BuildMoves();

    private static List<CaseMove> BuildMoves()
    {
        List<CaseMove> moves =
        [
            new(CaseStatus.Open, CaseStatus.Assessment, MoveAuthority.Team, false),
            new(CaseStatus.Assessment, CaseStatus.Planning, MoveAuthority.Team, false),
            new(CaseStatus.Planning, CaseStatus.ActiveSupport, MoveAuthority.Team, false),
            new(CaseStatus.ActiveSupport, CaseStatus.Review, MoveAuthority.Team, false),
            new(CaseStatus.Review, CaseStatus.ActiveSupport, MoveAuthority.Team, false),
            // Going back: new worries mean a new assessment; a review can send the plan back.
            new(CaseStatus.Planning, CaseStatus.Assessment, MoveAuthority.Team, true),
            new(CaseStatus.ActiveSupport, CaseStatus.Assessment, MoveAuthority.Team, true),
            new(CaseStatus.Review, CaseStatus.Assessment, MoveAuthority.Team, true),
            new(CaseStatus.ActiveSupport, CaseStatus.Planning, MoveAuthority.Team, true),
            new(CaseStatus.Review, CaseStatus.Planning, MoveAuthority.Team, true),
            // Reopening keeps the history; the family is assessed again.
            new(CaseStatus.Closed, CaseStatus.Assessment, MoveAuthority.Supervisor, true, "reopen"),
        ];
        foreach (var from in Working)
        {
            // Closing is a supervisor's decision on a worker's proposal (ClosureRules).
            moves.Add(new(from, CaseStatus.Closed, MoveAuthority.Supervisor, true, "close"));
            moves.Add(new(from, CaseStatus.Transferred, MoveAuthority.Supervisor, true, "transfer"));
        }
        return moves;
    }

    public static bool IsWorking(CaseStatus status) => Array.IndexOf(Working, status) >= 0;

    public static CaseMove? Find(CaseStatus from, CaseStatus to) =>
        Moves.FirstOrDefault(m => m.From == from && m.To == to);

    /// <summary>The moves this actor may offer from this status (for the case page buttons).</summary>
    public static IEnumerable<CaseMove> MovesFrom(CaseStatus from, CaseActor actor) =>
        Moves.Where(m => m.From == from && Permits(m, actor));

    /// <summary>
    /// The one door a case's status goes through: checks the move against the table and the case as it stands
    /// (<see cref="Refusal"/>), then moves it and returns the record of the move (who, when, why, from and to).
    /// </summary>
    public static CaseMoveResult Apply(Case c, CaseStatus to, CaseActor actor, CaseFacts facts, string by, string? reason, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(facts);
        var refusal = Refusal(c.Status, to, actor, facts, reason)
            ?? (to == CaseStatus.Closed && string.Equals(facts.ClosureProposedBy, by, StringComparison.Ordinal) ? "Case.Close.OwnProposal" : null);
        return refusal is not null
            ? new CaseMoveResult(null, refusal)
            : new CaseMoveResult(Record(c, to, by, reason, at), null);
    }

    /// <summary>
    /// The first assessment saved on an open case starts the assessment stage, whoever of the workers who may
    /// work on the case saved it; any other status stays as it is (null).
    /// </summary>
    public static CaseTransition? StartAssessment(Case c, string by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Status == CaseStatus.Open ? Record(c, CaseStatus.Assessment, by, null, at) : null;
    }

    /// <summary>
    /// The receiving commune's decision on a transfer (accepted or not) puts the case back in the stage it left.
    /// Only a case waiting for transfer moves this way (null otherwise: someone moved it meanwhile).
    /// </summary>
    public static CaseTransition? EndTransfer(Case c, CaseStatus before, string by, string? reason, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Status == CaseStatus.Transferred && IsWorking(before) ? Record(c, before, by, reason, at) : null;
    }

    private static CaseTransition Record(Case c, CaseStatus to, string by, string? reason, DateTime at)
    {
        var record = new CaseTransition { CaseId = c.Id, From = c.Status, To = to, At = at, By = by, Reason = reason };
        c.Status = to;
        // A closed case keeps when it closed; reopening clears it.
        c.ClosedAt = to == CaseStatus.Closed ? at : null;
        return record;
    }

    /// <summary>Null when the move is allowed; otherwise the text key of the reason it is refused.</summary>
    public static string? Refusal(CaseStatus from, CaseStatus to, CaseActor actor, CaseFacts facts, string? reason)
    {
        var move = Find(from, to);
        if (move is null)
            return from == CaseStatus.Transferred ? "Case.Move.AwaitingTransfer" : "Case.Move.NotAllowed";
        if (!Permits(move, actor))
            return move.Who == MoveAuthority.Supervisor ? "Case.Move.SupervisorOnly" : "Case.Move.TeamOnly";
        if (move.NeedsReason && string.IsNullOrWhiteSpace(reason)) return "Case.Move.ReasonRequired";
        ArgumentNullException.ThrowIfNull(facts);
        if (to == CaseStatus.Closed && facts.ClosureProposedBy is null) return "Case.Close.NotProposed";
        if (to == CaseStatus.Planning && from == CaseStatus.Assessment && !facts.HasApprovedAssessment)
            return "Case.Move.AssessmentNotApproved";
        if (to == CaseStatus.ActiveSupport && from == CaseStatus.Planning && !facts.HasApprovedPlan)
            return "Case.Move.PlanNotApproved";
        if (to == CaseStatus.ActiveSupport && from == CaseStatus.Review && !facts.HasApprovedPlan)
            return "Case.Move.PlanNotApproved";
        return null;
    }

    private static bool Permits(CaseMove move, CaseActor actor) =>
        actor.Supervisor || (move.Who == MoveAuthority.Team && actor.OnTeam);
}

/// <summary>How often a case is reviewed, by tier and risk.</summary>
/// <summary>How a case is opened from a screened referral: the one place that knows what a new case holds.</summary>
public static class CaseOpening
{
    /// <summary>
    /// A new case for the referral's household, on the tier the screening decided, led by the worker who opens it;
    /// its first assessment is due a week (crisis) or two after the commune day it opened. The referral is now in support.
    /// </summary>
    public static Case Open(Referral referral, ScreeningDecision decision, Priority risk, string leadWorker, DateTime openedAt, DateOnly openedOn)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (decision == ScreeningDecision.NoFurtherAction)
            throw new DomainException("Screening.NoCaseToOpen");
        var tier = ScreeningScorer.TierFor(decision);
        referral.Status = ReferralStatus.InSupport;
        return new Case
        {
            ReferralId = referral.Id,
            HouseholdId = referral.HouseholdId,
            VillageId = referral.VillageId,
            Tier = tier,
            RiskLevel = risk,
            Status = CaseStatus.Open,
            LeadWorker = leadWorker,
            OpenedAt = openedAt,
            AssessmentDueOn = ReviewSchedule.AssessmentDue(openedOn, tier),
        };
    }
}

public static class ReviewSchedule
{
    /// <summary>Monthly for crisis response or high risk, quarterly for early intervention, half-yearly otherwise.</summary>
    public static int MonthsBetweenReviews(Tier tier, Priority risk) =>
        tier == Tier.Crisis || risk == Priority.High ? 1
        : tier == Tier.EarlyIntervention ? 3
        : 6;

    public static DateOnly NextReviewDue(DateOnly from, Tier tier, Priority risk) =>
        from.AddMonths(MonthsBetweenReviews(tier, risk));

    /// <summary>Days allowed from opening to an approved first assessment: a week for crisis, two otherwise.</summary>
    public static DateOnly AssessmentDue(DateOnly opened, Tier tier) =>
        opened.AddDays(tier == Tier.Crisis ? 7 : 14);
}

/// <summary>
/// How often a case in work is visited at home: weekly for crisis response or high risk, monthly for early
/// intervention, every three months otherwise, counted from the last visit. A case never visited is due its first
/// visit by the day its first assessment is due (the assessment is made with the family, at home).
/// </summary>
public static class VisitSchedule
{
    public const int CrisisDays = 7;
    public const int EarlyInterventionDays = 30;
    public const int OtherDays = 90;

    /// <summary>(case, its last visit's day or null) → the day the next visit is due; null when nothing sets one.</summary>
    public static readonly Expression<Func<Case, DateOnly?, DateOnly?>> NextDue = (c, lastVisit) =>
        lastVisit != null
            ? lastVisit.Value.AddDays(c.Tier == Tier.Crisis || c.RiskLevel == Priority.High ? CrisisDays
                : c.Tier == Tier.EarlyIntervention ? EarlyInterventionDays : OtherDays)
            : c.AssessmentDueOn;

    private static readonly Func<Case, DateOnly?, DateOnly?> Compiled = NextDue.Compile();

    public static DateOnly? NextDueOn(Case c, DateOnly? lastVisit) => Compiled(c, lastVisit);

    /// <summary>The rule with the last visit's day given as a query on the case (a subquery in SQL).</summary>
    public static Expression<Func<Case, DateOnly?>> NextDueGiven(Expression<Func<Case, DateOnly?>> lastVisit)
    {
        ArgumentNullException.ThrowIfNull(lastVisit);
        var c = NextDue.Parameters[0];
        var last = new Replace(lastVisit.Parameters[0], c).Visit(lastVisit.Body);
        return Expression.Lambda<Func<Case, DateOnly?>>(new Replace(NextDue.Parameters[1], last).Visit(NextDue.Body), c);
    }
}
