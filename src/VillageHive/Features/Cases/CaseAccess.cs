using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// What one user may do on one case, worked out once per request by <see cref="CaseAccess.LoadAsync"/>.
/// MayDecideTransfer: a supervisor of the commune the case is waiting to be transferred to.
/// </summary>
public sealed record CaseHeader(
    int Id,
    int HouseholdId,
    int VillageId,
    int CommuneId,
    CaseStatus Status,
    Tier Tier,
    Priority RiskLevel,
    string LeadWorker,
    IReadOnlyList<string> Team,
    int Version,
    CaseActor Actor,
    bool SeesConfidential,
    bool MayWork,
    bool MayDecideTransfer)
{
    /// <summary>The case takes new work in its status (<see cref="CaseRules.TakesWork"/>): not closed, not waiting for transfer.</summary>
    public bool TakesWork => CaseRules.TakesWorkIn(Status);

    /// <summary>This user may record new work on the case now.</summary>
    public bool MayRecord => MayWork && TakesWork;
}

/// <summary>
/// Which cases a user may see, in SQL: managers and supervisors their scope; a Village social worker
/// their villages and the cases they are on the team of; a commune official only cases brought to a
/// conference they attended; a supervisor also a case waiting to be transferred to their commune.
/// </summary>
public static class CaseAccess
{
    public static IQueryable<Case> CasesFor(this HiveDbContext db, CurrentUser me)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        var name = me.UserName;
        var scope = me.Scope;
        var inScope = scope.Contains<Case>(c => c.Village!);
        if (me.IsInAnyRole([Roles.Administrator, Roles.DistrictManager, Roles.Ccwc, Roles.SeniorSocialWorker]))
        {
            if (!me.IsInAnyRole(Roles.CaseSupervisors)) return db.Cases.Where(inScope);
            var toMyCommune = scope.ContainsCommune<CaseTransfer>(t => t.ToCommune!);
            var awaiting = db.CaseTransfers.Where(t => t.Accepted == null).Where(toMyCommune).Select(t => t.CaseId);
            return db.Cases.Where(inScope.Or(c => awaiting.Contains(c.Id)));
        }
        if (me.IsInRole(Roles.VillageSocialWorker))
            return db.Cases.Where(inScope.Or(c => c.LeadWorker == name || c.Team.Any(t => t.UserName == name)));
        if (me.IsInRole(Roles.CommuneOfficial))
        {
            var attended = db.ConferenceParticipants.Where(p => p.UserName == name)
                .Join(db.CaseConferences, p => p.ConferenceId, c => c.Id, (p, c) => c.CaseId);
            return db.Cases.Where(inScope).Where(c => attended.Contains(c.Id));
        }
        return db.Cases.Where(c => false);
    }

    /// <summary>The case if this user may see it, with what they may do on it; null means 404.</summary>
    public static async Task<CaseHeader?> LoadAsync(this HiveDbContext db, CurrentUser me, int id)
    {
        ArgumentNullException.ThrowIfNull(me);
        var row = await db.CasesFor(me).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.HouseholdId, c.VillageId, c.Village!.CommuneId, c.Village.Commune!.DistrictId, c.Status, c.Tier, c.RiskLevel,
                c.LeadWorker, c.Version, Team = c.Team.Select(t => t.UserName).ToList(),
                AwaitingCommune = db.CaseTransfers.Where(t => t.CaseId == c.Id && t.Accepted == null).Select(t => (int?)t.ToCommuneId).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        if (row is null) return null;
        var name = me.UserName;
        var worker = me.IsInAnyRole(Roles.CaseWorkers);
        var onTeam = worker && (row.LeadWorker == name || row.Team.Contains(name));
        var inScope = me.Scope.Includes(row.VillageId, row.CommuneId, row.DistrictId);
        var supervisor = me.IsInAnyRole(Roles.CaseSupervisors) && inScope;
        var decidesTransfer = row.AwaitingCommune is int to && me.IsInAnyRole(Roles.CaseSupervisors)
            && await db.Communes.Where(me.Scope.CommunePredicate()).AnyAsync(c => c.Id == to);
        // A Village social worker may record on any case in their villages (the two workers of a village cover for each other).
        var mayWork = onTeam || supervisor || (worker && inScope);
        return new CaseHeader(row.Id, row.HouseholdId, row.VillageId, row.CommuneId, row.Status, row.Tier, row.RiskLevel,
            row.LeadWorker, row.Team, row.Version, new CaseActor(onTeam, supervisor), onTeam || supervisor, mayWork, decidesTransfer);
    }

    /// <summary>Notes this user may read on a case: confidential ones only for the team and supervisors.</summary>
    public static IQueryable<CaseNote> NotesFor(this HiveDbContext db, CaseHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var all = header.SeesConfidential;
        return db.CaseNotes.Where(n => n.CaseId == header.Id && (all || !n.Confidential));
    }

    /// <summary>
    /// Moves the case through <see cref="CaseWorkflow.Apply"/> (checked against the tracked row, so against the status the
    /// save's row version guards) and keeps the record; returns the refusal's text key, or null when the case moved.
    /// </summary>
    public static string? TryMove(this HiveDbContext db, Case c, CaseStatus to, CaseActor actor, CaseFacts facts, string by, string? reason, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var result = CaseWorkflow.Apply(c, to, actor, facts, by, reason, at);
        if (result.Record is { } record) db.CaseTransitions.Add(record);
        return result.Refusal;
    }

    /// <summary>Facts the state machine needs, in one query.</summary>
    public static Task<CaseFacts> FactsAsync(this HiveDbContext db, int caseId) =>
        db.Cases.Where(c => c.Id == caseId)
            .Select(c => new CaseFacts(
                db.Assessments.Where(CaseRules.Approved.Sql).Any(a => a.CaseId == c.Id),
                db.SupportPlans.Any(p => p.CaseId == c.Id && p.Status == PlanStatus.Approved),
                db.PlanActions.Where(CaseRules.OpenAction.Sql).Count(a => a.Plan!.CaseId == c.Id),
                db.CaseClosures.Where(x => x.CaseId == c.Id && x.Status == ClosureStatus.Proposed).Select(x => x.ClosedBy).FirstOrDefault()))
            .FirstAsync();

    /// <summary>Cases with overdue work on the day given (assessment, review, plan action, task or a provider's answer past due).</summary>
    public static Expression<Func<Case, bool>> Overdue(HiveDbContext db, DateOnly today)
    {
        var actionOverdue = CaseRules.ActionOverdue.Sql(today);
        var taskOverdue = CaseRules.TaskOverdue.Sql(today);
        var answerOverdue = CaseRules.AnswerOverdue.Sql(today);
        Expression<Func<Case, bool>> otherWork = c =>
            db.PlanActions.Where(actionOverdue).Any(a => a.Plan!.CaseId == c.Id)
            || db.CaseTasks.Where(taskOverdue).Any(t => t.CaseId == c.Id)
            || db.ServiceReferrals.Where(answerOverdue).Any(r => r.CaseId == c.Id);
        // The assessment and review rules already ask for an open case; the rest is work on the case's rows.
        return AssessmentOverdue(db, today).Or(CaseRules.ReviewOverdue.Sql(today)).Or(CaseRules.Open.Sql.And(otherWork));
    }

    /// <summary>An open case whose first assessment is due before today and none is approved yet.</summary>
    public static Expression<Func<Case, bool>> AssessmentOverdue(HiveDbContext db, DateOnly today) => AssessmentDueBefore(db, today);

    /// <summary>An open case whose first assessment is due before the day given and none is approved yet.</summary>
    public static Expression<Func<Case, bool>> AssessmentDueBefore(HiveDbContext db, DateOnly day)
    {
        var duePassed = CaseRules.AssessmentDueBefore.Sql(day);
        var approved = CaseRules.Approved.Sql;
        return duePassed.AndNot(c => db.Assessments.Where(approved).Any(a => a.CaseId == c.Id));
    }
}
