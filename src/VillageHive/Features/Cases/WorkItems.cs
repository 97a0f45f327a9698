using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Programmes;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

public enum OverdueKind
{
    Assessment = 0,
    PlanAction = 1,
    Review = 2,
    Task = 3,
    /// <summary>A service referral the provider has not answered in time (the worker follows it up), or, for the provider, one to answer.</summary>
    ServiceReferral = 4,
    /// <summary>A programme child's run of absences not yet followed up (<see cref="FollowUpRules"/>).</summary>
    FollowUp = 5,
    /// <summary>A home visit due by <see cref="VisitSchedule"/>.</summary>
    Visit = 6,
    /// <summary>A submitted assessment waiting for a supervisor's decision.</summary>
    Approval = 7,
    /// <summary>A worker's supervision session whose next date has passed with none held since (<see cref="WorkforceRules"/>).</summary>
    Supervision = 8,
}

/// <summary>
/// Every piece of work due on the cases and programmes a user may see, one row per item, as one SQL UNION ALL of
/// the kinds: the overdue list (/Cases/Overdue) and My work on the home page both read it. Each kind's "due" is a
/// rule of the domain (<see cref="CaseRules"/>, <see cref="VisitSchedule"/>, <see cref="FollowUpRules"/>).
/// </summary>
public static class WorkItems
{
    /// <summary>Settable properties, not a constructor: EF Core translates a UNION only of member-initialised rows.</summary>
    public sealed class Row
    {
        public OverdueKind Kind { get; init; }
        /// <summary>The item's own id (task, action, assessment, service referral, follow-up); the case's for a review or visit.</summary>
        public int ItemId { get; init; }
        public string? What { get; init; }
        /// <summary>0 for a programme follow-up (not case work).</summary>
        public int CaseId { get; init; }
        public int HouseholdId { get; init; }
        public DateOnly DueOn { get; init; }
        /// <summary>Who does it: the task's assignee, the action's owner, the lead worker, the sender, the project officer.</summary>
        public string Owner { get; init; } = "";
        /// <summary>Whose list it is on: the case's lead worker, or the programme's project officer.</summary>
        public string Lead { get; init; } = "";
    }

    /// <summary>
    /// The work due before <paramref name="until"/> (today: the overdue work; <see cref="CaseRules.WeekEnd"/>: the week's)
    /// on the open cases the user may see and the programmes of their scope. A provider's late answer is the worker's
    /// work only once it is overdue; an assessment waiting for approval is listed for those who approve.
    /// <paramref name="casesOnly"/> leaves out the work that is on no case (programme follow-ups, supervision), for a page
    /// about one case: those branches read the whole scope's programmes and sessions, for rows the page would drop.
    /// </summary>
    public static IQueryable<Row> DueBefore(HiveDbContext db, CurrentUser me, DateOnly today, DateOnly until, int[] openCaseIds, bool casesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        // The caller's open cases as a list of ids (OpenCaseIdsAsync), not their scope again in every branch: the scope is
        // an OR (villages, lead, team) that no index serves, and each branch read all the district's cases through it.
        var cases = db.Cases.AsNoTracking().Where(c => EF.Parameter(openCaseIds).Contains(c.Id));
        var assessments = cases.Where(CaseAccess.AssessmentDueBefore(db, until))
            .Select(c => new Row { Kind = OverdueKind.Assessment, ItemId = c.Id, What = null, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = c.AssessmentDueOn!.Value, Owner = c.LeadWorker, Lead = c.LeadWorker });
        var reviews = cases.Where(CaseRules.ReviewDueBefore.Sql(until))
            .Select(c => new Row { Kind = OverdueKind.Review, ItemId = c.Id, What = null, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = c.NextReviewDueOn!.Value, Owner = c.LeadWorker, Lead = c.LeadWorker });
        var actions = db.PlanActions.AsNoTracking().Where(CaseRules.ActionDueBefore.Sql(until))
            .Join(cases, a => a.Plan!.CaseId, c => c.Id, (a, c) => new Row { Kind = OverdueKind.PlanAction, ItemId = a.Id, What = a.Text, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = a.DueOn, Owner = a.OwnerWorker ?? a.OwnerProvider ?? (a.OwnerNetworkMember != null ? a.OwnerNetworkMember.Name : ""), Lead = c.LeadWorker });
        var tasks = db.CaseTasks.AsNoTracking().Where(CaseRules.TaskDueBefore.Sql(until))
            .Join(cases, t => t.CaseId, c => c.Id, (t, c) => new Row { Kind = OverdueKind.Task, ItemId = t.Id, What = t.Text, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = t.DueOn, Owner = t.AssignedTo, Lead = c.LeadWorker });
        // A provider's answer overdue: the worker follows it up (the service's name, in the language of the page).
        var khmer = Localisation.IsKhmer;
        var answerUntil = until < today ? until : today;
        var referrals = db.ServiceReferrals.AsNoTracking().Where(CaseRules.AnswerDueBefore.Sql(answerUntil))
            .Join(cases, r => r.CaseId, c => c.Id, (r, c) => new Row { Kind = OverdueKind.ServiceReferral, ItemId = r.Id, What = khmer ? r.Service!.NameKm : r.Service!.NameEn, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = r.RespondBy, Owner = r.SentBy, Lead = c.LeadWorker });
        // Home visits: only cases that take work (one waiting for another commune is not visited by this team).
        var nextVisit = VisitSchedule.NextDueGiven(c => db.Visits.Where(v => v.CaseId == c.Id).Max(v => (DateOnly?)v.VisitedOn));
        var visits = cases.Where(CaseRules.TakesWork.Sql).Select(WithDue(nextVisit)).Where(x => x.Due < until)
            .Select(x => new Row { Kind = OverdueKind.Visit, ItemId = x.Item.Id, What = null, CaseId = x.Item.Id, HouseholdId = x.Item.HouseholdId, DueOn = x.Due!.Value, Owner = x.Item.LeadWorker, Lead = x.Item.LeadWorker });
        var all = assessments.Concat(visits).Concat(actions).Concat(reviews).Concat(tasks).Concat(referrals);
        if (me.IsInAnyRole(Roles.CaseSupervisors))
        {
            var approvals = db.Assessments.AsNoTracking().Where(CaseRules.ApprovalDueBefore.Sql(until))
                .Join(cases, a => a.CaseId, c => c.Id, (a, c) => new Row { Kind = OverdueKind.Approval, ItemId = a.Id, What = null, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = a.AssessedOn.AddDays(CaseRules.ApprovalDays), Owner = a.CreatedBy, Lead = c.LeadWorker });
            all = all.Concat(approvals);
        }
        if (!casesOnly && me.IsInAnyRole(Roles.ProgrammeReaders))
        {
            var followUps = db.FollowUpsIn(me.Scope).AsNoTracking().Where(FollowUpRules.DueBefore.Sql(until))
                .Select(f => new Row { Kind = OverdueKind.FollowUp, ItemId = f.Id, What = f.Enrolment!.Person!.FamilyNameKm + " " + f.Enrolment.Person.GivenNameKm, CaseId = 0, HouseholdId = f.Enrolment.Person.HouseholdId, DueOn = f.FromDate.AddDays(FollowUpRules.DaysToFollowUp), Owner = f.Enrolment.Programme!.ProjectOfficer, Lead = f.Enrolment.Programme.ProjectOfficer });
            all = all.Concat(followUps);
        }
        if (!casesOnly && me.IsInAnyRole(Roles.WorkforceRecorders))
        {
            // Supervision due: the worker's latest session's next date, on its supervisor's list (What: the worker).
            var sessions = db.SupervisionSessions.AsNoTracking()
                .Where(me.Scope.ContainsCommune<SupervisionSession>(s => s.Commune!))
                .Where(WorkforceRules.NextDueBefore.Sql(until))
                .Where(WorkforceRules.Latest(db.SupervisionSessions, db.StaffMovements))
                .Select(s => new Row { Kind = OverdueKind.Supervision, ItemId = s.Id, What = s.Worker, CaseId = 0, HouseholdId = 0, DueOn = s.NextOn!.Value, Owner = s.Supervisor, Lead = s.Supervisor });
            all = all.Concat(sessions);
        }
        return all;
    }

    /// <summary>The ids of the open cases the user may see, for <see cref="DueBefore"/> (one statement).</summary>
    public static Task<int[]> OpenCaseIdsAsync(HiveDbContext db, CurrentUser me) =>
        db.CasesFor(me).AsNoTracking().Where(CaseRules.Open.Sql).Select(c => c.Id).ToArrayAsync();

    /// <summary>
    /// One worker's part of the rows: what they do or lead, and all work on the cases they lead or are on the team of
    /// (an assessment waiting for approval is the approver's, so it stays on a supervisor's own list).
    /// </summary>
    public static IQueryable<Row> Of(this IQueryable<Row> rows, HiveDbContext db, string userName, bool withApprovals)
    {
        ArgumentNullException.ThrowIfNull(db);
        var myCases = db.Cases.Where(c => c.LeadWorker == userName || c.Team.Any(t => t.UserName == userName)).Select(c => c.Id);
        return rows.Where(r => r.Kind == OverdueKind.Approval
            ? withApprovals
            : r.Owner == userName || r.Lead == userName || (r.CaseId != 0 && myCases.Contains(r.CaseId)));
    }

    /// <summary>
    /// <see cref="Of"/> on rows already read, for a page that reads the area's work once and shows several lists of it:
    /// <paramref name="onTheirCase"/> tells the cases the worker leads or is on the team of.
    /// </summary>
    public static bool IsOn(Row r, string userName, bool withApprovals, Func<int, bool> onTheirCase)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(onTheirCase);
        return r.Kind == OverdueKind.Approval
            ? withApprovals
            : r.Owner == userName || r.Lead == userName || (r.CaseId != 0 && onTheirCase(r.CaseId));
    }

    /// <summary>A row and a day worked out for it in SQL, so that the day can be filtered and projected.</summary>
    public sealed class Dated<T>
    {
        public T Item { get; init; } = default!;
        public DateOnly? Due { get; init; }
    }

    private static Expression<Func<T, Dated<T>>> WithDue<T>(Expression<Func<T, DateOnly?>> due) =>
        Expression.Lambda<Func<T, Dated<T>>>(
            Expression.MemberInit(Expression.New(typeof(Dated<T>)),
                Expression.Bind(typeof(Dated<T>).GetProperty(nameof(Dated<T>.Item))!, due.Parameters[0]),
                Expression.Bind(typeof(Dated<T>).GetProperty(nameof(Dated<T>.Due))!, due.Body)),
            due.Parameters);
}
