using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Cases;

/// <summary>What the closure pages show: the proposal waiting for a decision and the work still open on the case.</summary>
public static class ClosureQueries
{
    /// <summary>One open piece of work, listed before a closure is proposed or decided.</summary>
    /// <summary>Kind: support, schedule, referral, task or action; support rows name the item, how many and where it stands.</summary>
    public sealed record OpenItem(string Kind, string? Text, DateOnly? Due, SupportItem? Item = null, int Quantity = 0, SupportStatus? Support = null, string? TextEn = null);

    public sealed record OpenWork(ClosureOpenWork Counts, IReadOnlyList<OpenItem> Items);

    /// <summary>The case's open plan actions, tasks, unanswered service referrals, support not yet handed over and schedules still paying.</summary>
    public static async Task<OpenWork> OpenWorkAsync(this HiveDbContext db, int caseId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var actions = await db.PlanActions.AsNoTracking().Where(CaseRules.OpenAction.Sql).Where(a => a.Plan!.CaseId == caseId)
            .OrderBy(a => a.DueOn).Select(a => new OpenItem("action", a.Text, a.DueOn, null, 0, null, null)).ToListAsync();
        var tasks = await db.CaseTasks.AsNoTracking().Where(CaseRules.OpenTask.Sql).Where(t => t.CaseId == caseId)
            .OrderBy(t => t.DueOn).Select(t => new OpenItem("task", t.Text, t.DueOn, null, 0, null, null)).ToListAsync();
        var referrals = await db.ServiceReferrals.AsNoTracking().Where(CaseRules.AwaitingAnswer.Sql).Where(r => r.CaseId == caseId)
            .OrderBy(r => r.RespondBy).Select(r => new OpenItem("referral", r.Service!.NameKm, r.RespondBy, null, 0, null, r.Service.NameEn)).ToListAsync();
        var support = await db.MaterialSupportRequests.AsNoTracking()
            .Where(r => r.CaseId == caseId && (r.Status == SupportStatus.Requested || r.Status == SupportStatus.Approved))
            .OrderBy(r => r.RequestedAt)
            .Select(r => new OpenItem("support", r.Description, r.PeriodStart, r.Item, r.Quantity, r.Status, null))
            .ToListAsync();
        var schedules = await db.SupportPaymentSchedules.AsNoTracking()
            .Where(s => s.CaseId == caseId && (s.Status == ScheduleStatus.Requested || s.Status == ScheduleStatus.Approved))
            .OrderBy(s => s.StartOn).Select(s => new OpenItem("schedule", null, s.StartOn, null, 0, null, null)).ToListAsync();
        var counts = new ClosureOpenWork(actions.Count, tasks.Count, referrals.Count,
            support.Count(r => r.Support == SupportStatus.Requested), support.Count(r => r.Support == SupportStatus.Approved), schedules.Count);
        return new OpenWork(counts, [.. support, .. schedules, .. referrals, .. tasks, .. actions]);
    }
}
