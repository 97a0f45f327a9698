using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Cases;

/// <summary>
/// The case page: who the family is, what to do next, every part of the work and one timeline of all that
/// happened. One query per kind of record, however long the history (checked by a test).
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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
    public IReadOnlyList<ScalingPoint> Scaling { get; private set; } = [];
    public DateOnly Today { get; private set; }

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
    public sealed record ClosureRow(DateOnly ClosedOn, ClosureReason Reason, string? Note, string ClosedBy, DateTime RecordedAt,
        DateTime? ReopenedAt, string? ReopenedBy, string? ReopenReason);
    public sealed record TransitionRow(CaseStatus From, CaseStatus To, DateTime At, string By, string? Reason);
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
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var caseId = header.Id;

        var s = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.OpenedAt, c.AssessmentDueOn, c.NextReviewDueOn, c.ClosedAt,
                // Kept on the household by a trigger (Data/DerivedSchema.cs): no lookup of the head at all.
                HeadKm = c.Household!.HeadNameKm,
                HeadLatin = c.Household.HeadNameLatin,
                VillageKm = c.Village!.NameKm, VillageEn = c.Village.NameEn, c.Household.Phone,
                c.ReferralId, c.Referral!.ReceivedAt, c.Referral.Concerns,
                // The child through a lookup per child rather than a join: joined, the merged-person filter made SQLite
                // build the join of every referral's children before picking this referral's.
                // (Scalar lookups by primary key: a whole row per child would need APPLY, which SQLite lacks.)
                Children = c.Referral.Children.Select(ch => new
                {
                    ch.PersonId,
                    Km = db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.FamilyNameKm + " " + p.GivenNameKm).FirstOrDefault(),
                    Latin = db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.FamilyNameLatin + " " + p.GivenNameLatin).FirstOrDefault(),
                    Sex = db.Persons.Where(p => p.Id == ch.PersonId).Select(p => (Sex?)p.Sex).FirstOrDefault(),
                    DateOfBirth = db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.DateOfBirth).FirstOrDefault(),
                    EstimatedBirthYear = db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.EstimatedBirthYear).FirstOrDefault(),
                }).ToList(),
                Decision = c.Referral.Screening != null ? (ScreeningDecision?)c.Referral.Screening.Decision : null,
                Score = c.Referral.Screening != null ? (int?)c.Referral.Screening.Score : null,
                ScreenedBy = c.Referral.Screening != null ? c.Referral.Screening.ScreenedBy : null,
                ScreenedAt = c.Referral.Screening != null ? (DateTime?)c.Referral.Screening.ScreenedAt : null,
                // Which kinds of record the case has: a kind it has none of costs an index probe here instead of a round trip
                // below (a typical open case has no conference and no closure; a new one has next to nothing).
                Has = new
                {
                    Assessments = db.Assessments.Any(x => x.CaseId == c.Id),
                    Network = db.FamilyNetworkMembers.Any(x => x.CaseId == c.Id),
                    Plans = db.SupportPlans.Any(x => x.CaseId == c.Id),
                    Visits = db.Visits.Any(x => x.CaseId == c.Id),
                    Notes = db.CaseNotes.Any(x => x.CaseId == c.Id),
                    Tasks = db.CaseTasks.Any(x => x.CaseId == c.Id),
                    Reviews = db.CaseReviews.Any(x => x.CaseId == c.Id),
                    Conferences = db.CaseConferences.Any(x => x.CaseId == c.Id),
                    Closures = db.CaseClosures.Any(x => x.CaseId == c.Id),
                    Transitions = db.CaseTransitions.Any(x => x.CaseId == c.Id),
                },
                // Escalations and transfers are none or one or two a case: carried by this query rather than two more round trips.
                Escalations = db.CaseEscalations.Where(e => e.CaseId == c.Id).OrderBy(e => e.RequestedAt).ThenBy(e => e.Id)
                    .Select(e => new EscalationRow(e.RequestedBy, e.RequestedAt, e.Reason, e.AcceptedBy, e.AcceptedAt)).ToList(),
                Transfers = db.CaseTransfers.Where(t => t.CaseId == c.Id).OrderBy(t => t.RequestedAt).ThenBy(t => t.Id)
                    .Select(t => new TransferRow(t.ToCommune!.NameKm, t.ToCommune.NameEn, t.RequestedBy, t.RequestedAt, t.Reason, t.Accepted, t.DecidedBy, t.DecidedAt)).ToList(),
            })
            .FirstAsync();
        Summary = new SummaryView(s.OpenedAt, s.AssessmentDueOn, s.NextReviewDueOn, s.ClosedAt, s.HeadKm.Length == 0 ? null : s.HeadKm, s.HeadLatin,
            s.VillageKm, s.VillageEn, s.Phone, s.ReferralId, s.ReceivedAt, s.Concerns,
            s.Children.Where(ch => ch.Km != null).Select(ch => new ChildView(ch.PersonId, ch.Km!, string.IsNullOrWhiteSpace(ch.Latin) ? null : ch.Latin.Trim(), ch.Sex!.Value,
                Person.Age(ch.DateOfBirth, ch.EstimatedBirthYear, Today))).ToList(),
            s.Decision, s.Score, s.ScreenedBy, s.ScreenedAt);

        var has = s.Has;
        Assessments = await IfAny(has.Assessments, db.Assessments.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Number)
            .Select(a => new AssessmentRow(a.Id, a.Number, a.AssessedOn, a.Status, a.WorkerScale, a.FamilyScale, a.NetworkScale, a.ChildScale,
                a.DangerStatements, a.SafetyGoals.OrderBy(g => g.Order).Select(g => g.Text).ToList(), a.CreatedBy, a.CreatedAt, a.ApprovedBy, a.ApprovedAt)));
        Network = await IfAny(has.Network, db.FamilyNetworkMembers.AsNoTracking().Where(n => n.CaseId == caseId).OrderByDescending(n => n.Active).ThenBy(n => n.Name)
            .Select(n => new NetworkRow(n.Id, n.Name, n.Relation, n.Phone, n.RoleInPlan, n.Active, n.PersonId)));
        PlanVersions = await IfAny(has.Plans, db.SupportPlans.AsNoTracking().Where(p => p.CaseId == caseId).OrderByDescending(p => p.Number)
            .Select(p => new PlanVersionRow(p.Id, p.Number, p.Status, p.CreatedBy, p.CreatedAt, p.AgreedOn, p.ApprovedBy, p.ApprovedAt, p.ChangeReason)));
        // The current plan's goals and actions: two flat queries rather than one joined (goals × actions) result.
        var currentPlan = db.SupportPlans.Where(p => p.CaseId == caseId).OrderByDescending(p => p.Number).Select(p => p.Id).Take(1);
        PlanGoals = await IfAny(has.Plans, db.PlanGoals.AsNoTracking().Where(g => currentPlan.Contains(g.PlanId)).OrderBy(g => g.Order)
            .Select(g => new GoalRow(g.Id, g.Order, g.Text)));
        PlanActions = await IfAny(has.Plans, db.PlanActions.AsNoTracking().Where(a => currentPlan.Contains(a.PlanId)).OrderBy(a => a.GoalOrder).ThenBy(a => a.Order)
            .Select(a => new ActionRow(a.GoalOrder, a.Text, a.OwnerKind,
                a.OwnerKind == ActionOwnerKind.Worker ? a.OwnerWorker
                : a.OwnerKind == ActionOwnerKind.NetworkMember ? a.OwnerNetworkMember!.Name
                : a.OwnerProvider, a.DueOn, a.Status)));
        Visits = await IfAny(has.Visits, db.Visits.AsNoTracking().Where(v => v.CaseId == caseId).OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.RecordedAt)
            .Select(v => new VisitRow(v.VisitedOn, v.Place, v.WhoWasSeen, v.ChildSeenAlone, v.Observations, v.WorkerScale, v.RecordedBy, v.RecordedAt)));
        Notes = await IfAny(has.Notes, db.NotesFor(header).AsNoTracking().OrderByDescending(n => n.WrittenAt)
            .Select(n => new NoteRow(n.Text, n.Confidential, n.WrittenBy, n.WrittenAt)));
        Tasks = await IfAny(has.Tasks, db.CaseTasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.DoneAt != null).ThenBy(t => t.DueOn)
            .Select(t => new TaskRow(t.Text, t.DueOn, t.AssignedTo, t.CreatedAt, t.CreatedBy, t.DoneAt, t.DoneBy)));
        Reviews = await IfAny(has.Reviews, db.CaseReviews.AsNoTracking().Where(r => r.CaseId == caseId).OrderByDescending(r => r.ReviewedOn)
            .Select(r => new ReviewRow(r.ReviewedOn, r.ReviewedBy, r.Summary, r.Decision, r.TierBefore, r.TierAfter, r.NextReviewDueOn, r.RecordedAt)));
        Conferences = await IfAny(has.Conferences, db.CaseConferences.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.HeldOn)
            .Select(c => new ConferenceRow(c.HeldOn, c.Place, c.Decisions, c.FollowUps,
                c.Participants.Select(p => p.Role == null ? p.Name : p.Name + " (" + p.Role + ")").ToList(), c.RecordedBy, c.RecordedAt)));
        Closures = await IfAny(has.Closures, db.CaseClosures.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.RecordedAt)
            .Select(c => new ClosureRow(c.ClosedOn, c.Reason, c.Note, c.ClosedBy, c.RecordedAt, c.ReopenedAt, c.ReopenedBy, c.ReopenReason)));
        var transitions = await IfAny(has.Transitions, db.CaseTransitions.AsNoTracking().Where(t => t.CaseId == caseId)
            .Select(t => new TransitionRow(t.From, t.To, t.At, t.By, t.Reason)));
        var escalations = s.Escalations;
        var transfers = s.Transfers;

        PendingEscalation = escalations.LastOrDefault(e => e.AcceptedAt is null);
        PendingTransfer = transfers.LastOrDefault(t => t.Accepted is null);
        Moves = CaseWorkflow.MovesFrom(header.Status, header.Actor).ToList();
        Scaling = CaseTimeline.Scaling(l, Assessments, Visits);
        Timeline = CaseTimeline.Build(l, caseId, Summary, Assessments, PlanVersions, Visits, Notes, Tasks, Reviews, Conferences, Closures,
            transitions, escalations, transfers);
        await audit.RecordReadAsync("Case", caseId);
        return Page();
    }

    public bool IsOverdue(DateOnly? due) => due is { } d && d < Today;

    private static async Task<IReadOnlyList<T>> IfAny<T>(bool any, IQueryable<T> rows) => any ? await rows.ToListAsync() : [];
}
