using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using static VillageHive.Features.Cases.CasePage.DetailsModel;

namespace VillageHive.Features.Cases.CasePage;

/// <summary>
/// The case page's queries, compiled once: the page is the one workers open most and it reads a dozen kinds of record.
/// Built from LINQ on every request, a third of the page's CPU went to building, hashing and looking up these expression
/// trees before any SQL was sent (profiled at district scale, docs/scaling.md). The case has been checked as visible to
/// the user before any of these run (<see cref="CaseAccess.LoadAsync"/>).
/// </summary>
internal static class CasePageQueries
{
    public sealed record ChildRow(int PersonId, string? Km, string? Latin, Sex? Sex, DateOnly? DateOfBirth, int? EstimatedBirthYear);

    /// <summary>Which kinds of record the case has: a kind it has none of costs an index probe, not a round trip.</summary>
    public sealed record Kinds(bool Assessments, bool Network, bool Plans, bool Visits, bool Notes, bool Tasks, bool Reviews,
        bool Conferences, bool Closures, bool Transitions);

    public sealed record SummaryRow(DateTime OpenedAt, DateOnly? AssessmentDueOn, DateOnly? NextReviewDueOn, DateTime? ClosedAt,
        string HeadKm, string? HeadLatin, string VillageKm, string VillageEn, string? Phone, int ReferralId, DateTime ReceivedAt,
        Concerns Concerns, List<ChildRow> Children, ScreeningDecision? Decision, int? Score, string? ScreenedBy, DateTime? ScreenedAt,
        Kinds Has, List<EscalationRow> Escalations, List<TransferRow> Transfers, List<AssignmentRow> Assignments);

    public static readonly PerContext<Func<HiveDbContext, int, Task<SummaryRow>>> Summary = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new SummaryRow(c.OpenedAt, c.AssessmentDueOn, c.NextReviewDueOn, c.ClosedAt,
                // Kept on the household by a trigger (Data/DerivedSchema.cs): no lookup of the head at all.
                c.Household!.HeadNameKm, c.Household.HeadNameLatin,
                c.Village!.NameKm, c.Village.NameEn, c.Household.Phone, c.ReferralId, c.Referral!.ReceivedAt, c.Referral.Concerns,
                // The child through a lookup per child rather than a join: joined, the merged-person filter made SQLite
                // build the join of every referral's children before picking this referral's.
                // (Scalar lookups by primary key: a whole row per child would need APPLY, which SQLite lacks.)
                c.Referral.Children.Select(ch => new ChildRow(ch.PersonId,
                    db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.FamilyNameKm + " " + p.GivenNameKm).FirstOrDefault(),
                    db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.FamilyNameLatin + " " + p.GivenNameLatin).FirstOrDefault(),
                    db.Persons.Where(p => p.Id == ch.PersonId).Select(p => (Sex?)p.Sex).FirstOrDefault(),
                    db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.DateOfBirth).FirstOrDefault(),
                    db.Persons.Where(p => p.Id == ch.PersonId).Select(p => p.EstimatedBirthYear).FirstOrDefault())).ToList(),
                c.Referral.Screening != null ? (ScreeningDecision?)c.Referral.Screening.Decision : null,
                c.Referral.Screening != null ? (int?)c.Referral.Screening.Score : null,
                c.Referral.Screening != null ? c.Referral.Screening.ScreenedBy : null,
                c.Referral.Screening != null ? (DateTime?)c.Referral.Screening.ScreenedAt : null,
                new Kinds(
                    db.Assessments.Any(x => x.CaseId == c.Id),
                    db.FamilyNetworkMembers.Any(x => x.CaseId == c.Id),
                    db.SupportPlans.Any(x => x.CaseId == c.Id),
                    db.Visits.Any(x => x.CaseId == c.Id),
                    db.CaseNotes.Any(x => x.CaseId == c.Id),
                    db.CaseTasks.Any(x => x.CaseId == c.Id),
                    db.CaseReviews.Any(x => x.CaseId == c.Id),
                    db.CaseConferences.Any(x => x.CaseId == c.Id),
                    db.CaseClosures.Any(x => x.CaseId == c.Id),
                    db.CaseTransitions.Any(x => x.CaseId == c.Id)),
                // Escalations and transfers are none or one or two a case: carried by this query rather than two more round trips.
                db.CaseEscalations.Where(e => e.CaseId == c.Id).OrderBy(e => e.RequestedAt).ThenBy(e => e.Id)
                    .Select(e => new EscalationRow(e.RequestedBy, e.RequestedAt, e.Reason, e.AcceptedBy, e.AcceptedAt)).ToList(),
                db.CaseTransfers.Where(t => t.CaseId == c.Id).OrderBy(t => t.RequestedAt).ThenBy(t => t.Id)
                    .Select(t => new TransferRow(t.ToCommune!.NameKm, t.ToCommune.NameEn, t.RequestedBy, t.RequestedAt, t.Reason,
                        t.Accepted, t.DecidedBy, t.DecidedAt)).ToList(),
                db.CaseAssignments.Where(a => a.CaseId == c.Id).OrderBy(a => a.ChangedAt).ThenBy(a => a.Id)
                    .Select(a => new AssignmentRow(a.FromUser, a.ToUser, a.ChangedBy, a.ChangedAt, a.Reason, a.Handover)).ToList()))
            .First()));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<AssessmentRow>>> Assessments = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.Assessments.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Number)
            .Select(a => new AssessmentRow(a.Id, a.Number, a.AssessedOn, a.Status, a.WorkerScale, a.FamilyScale, a.NetworkScale, a.ChildScale,
                a.DangerStatements, a.SafetyGoals.OrderBy(g => g.Order).Select(g => g.Text).ToList(), a.CreatedBy, a.CreatedAt, a.ApprovedBy, a.ApprovedAt))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<NetworkRow>>> Network = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.FamilyNetworkMembers.AsNoTracking().Where(n => n.CaseId == caseId).OrderByDescending(n => n.Active).ThenBy(n => n.Name)
            .Select(n => new NetworkRow(n.Id, n.Name, n.Relation, n.Phone, n.RoleInPlan, n.Active, n.PersonId))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<PlanVersionRow>>> PlanVersions = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.SupportPlans.AsNoTracking().Where(p => p.CaseId == caseId).OrderByDescending(p => p.Number)
            .Select(p => new PlanVersionRow(p.Id, p.Number, p.Status, p.CreatedBy, p.CreatedAt, p.AgreedOn, p.ApprovedBy, p.ApprovedAt, p.ChangeReason))));

    // The current plan's goals and actions: two flat queries rather than one joined (goals × actions) result.
    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<GoalRow>>> PlanGoals = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.PlanGoals.AsNoTracking()
            .Where(g => db.SupportPlans.Where(p => p.CaseId == caseId).OrderByDescending(p => p.Number).Select(p => p.Id).Take(1).Contains(g.PlanId))
            .OrderBy(g => g.Order)
            .Select(g => new GoalRow(g.Id, g.Order, g.Text))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<ActionRow>>> PlanActions = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.PlanActions.AsNoTracking()
            .Where(a => db.SupportPlans.Where(p => p.CaseId == caseId).OrderByDescending(p => p.Number).Select(p => p.Id).Take(1).Contains(a.PlanId))
            .OrderBy(a => a.GoalOrder).ThenBy(a => a.Order)
            .Select(a => new ActionRow(a.GoalOrder, a.Text, a.OwnerKind,
                a.OwnerKind == ActionOwnerKind.Worker ? a.OwnerWorker
                : a.OwnerKind == ActionOwnerKind.NetworkMember ? a.OwnerNetworkMember!.Name
                : a.OwnerProvider, a.DueOn, a.Status))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<VisitRow>>> Visits = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.Visits.AsNoTracking().Where(v => v.CaseId == caseId).OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.RecordedAt)
            .Select(v => new VisitRow(v.VisitedOn, v.Place, v.WhoWasSeen, v.ChildSeenAlone, v.Observations, v.WorkerScale, v.RecordedBy, v.RecordedAt))));

    /// <summary>The notes the reader may see: <see cref="CaseAccess.NotesFor"/>'s rule, with its flag as a parameter.</summary>
    public static readonly PerContext<Func<HiveDbContext, int, bool, IAsyncEnumerable<NoteRow>>> Notes = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId, bool seesConfidential) =>
        db.CaseNotes.AsNoTracking().Where(n => n.CaseId == caseId && (seesConfidential || !n.Confidential)).OrderByDescending(n => n.WrittenAt)
            .Select(n => new NoteRow(n.Text, n.Confidential, n.WrittenBy, n.WrittenAt))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<TaskRow>>> Tasks = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.CaseTasks.AsNoTracking().Where(t => t.CaseId == caseId).OrderBy(t => t.DoneAt != null).ThenBy(t => t.DueOn)
            .Select(t => new TaskRow(t.Text, t.DueOn, t.AssignedTo, t.CreatedAt, t.CreatedBy, t.DoneAt, t.DoneBy))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<ReviewRow>>> Reviews = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.CaseReviews.AsNoTracking().Where(r => r.CaseId == caseId).OrderByDescending(r => r.ReviewedOn)
            .Select(r => new ReviewRow(r.ReviewedOn, r.ReviewedBy, r.Summary, r.Decision, r.TierBefore, r.TierAfter, r.NextReviewDueOn, r.RecordedAt))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<ConferenceRow>>> Conferences = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.CaseConferences.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.HeldOn)
            .Select(c => new ConferenceRow(c.HeldOn, c.Place, c.Decisions, c.FollowUps,
                c.Participants.Select(p => p.Role == null ? p.Name : p.Name + " (" + p.Role + ")").ToList(), c.RecordedBy, c.RecordedAt))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<ClosureRow>>> Closures = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.CaseClosures.AsNoTracking().Where(c => c.CaseId == caseId).OrderByDescending(c => c.RecordedAt)
            .Select(c => new ClosureRow(c.ClosedOn, c.Reason, c.Note, c.ClosedBy, c.RecordedAt, c.ReopenedAt, c.ReopenedBy, c.ReopenReason,
                c.Status, c.DecidedBy, c.DecidedAt, c.ReturnReason))));

    public static readonly PerContext<Func<HiveDbContext, int, IAsyncEnumerable<TransitionRow>>> Transitions = new(() => EF.CompileAsyncQuery((HiveDbContext db, int caseId) =>
        db.CaseTransitions.AsNoTracking().Where(t => t.CaseId == caseId)
            .Select(t => new TransitionRow(t.From, t.To, t.At, t.By, t.Reason))));

    /// <summary>
    /// A compiled query per kind of context (one per database provider): EF keeps the executor of the model it first ran
    /// on, and the tests run SQLite and PostgreSQL apps in one process.
    /// </summary>
    internal sealed class PerContext<TQuery>(Func<TQuery> compile) where TQuery : class
    {
        private readonly ConcurrentDictionary<Type, TQuery> byContext = new();

        public TQuery For(HiveDbContext db) => byContext.GetOrAdd(db.GetType(), _ => compile());
    }

    /// <summary>The rows, or none without asking when the summary said the case has none of them.</summary>
    public static async Task<IReadOnlyList<T>> ListIf<T>(bool any, Func<IAsyncEnumerable<T>> rows)
    {
        if (!any) return [];
        var list = new List<T>();
        await foreach (var row in rows()) list.Add(row);
        return list;
    }
}
