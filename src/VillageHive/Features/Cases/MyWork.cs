using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Services;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// My work on the home page: the user's work grouped as overdue, due today and due this week
/// (<see cref="CaseRules.GroupOf"/>), the first few of each group, and for a supervisor their team. Few queries, as the
/// home page is the most visited: the groups' counts, their first rows, the rows' household names; a supervisor's team
/// adds the staff, the villages of the scope and one tally of caseloads and overdue work.
/// </summary>
public static class MyWork
{
    /// <summary>Rows shown per group; the rest are one tap away ("see all").</summary>
    public const int RowsPerGroup = 5;

    public sealed record View(DateOnly Today, IReadOnlyList<Group> Groups, bool ForProvider, IReadOnlyList<TeamRow>? Team)
    {
        public int Total => Groups.Sum(g => g.Count);
    }

    public sealed record Group(DueGroup Due, int Count, IReadOnlyList<WorkItem> Items);

    /// <summary>A worker of a supervisor's scope: open cases led, and overdue work on their list (<see cref="WorkItems.Of"/>).</summary>
    public sealed record TeamRow(string UserName, string DisplayName, string Role, int Caseload, int Overdue);

    /// <summary>Null for roles that do no casework and answer no referral.</summary>
    public static async Task<View?> LoadAsync(HiveDbContext db, CurrentUser me, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        var weekEnd = CaseRules.WeekEnd(today);
        IQueryable<WorkItems.Row> rows;
        var provider = false;
        if (me.IsInAnyRole(Roles.CaseWorkers))
        {
            rows = WorkItems.DueBefore(db, me, today, weekEnd).Of(db, me.UserName, me.IsInAnyRole(Roles.CaseSupervisors));
        }
        else if (me.IsInRole(Roles.ServiceProvider))
        {
            provider = true;
            var providerId = await db.ProviderIdAsync(me);
            var khmer = Localisation.IsKhmer;
            rows = db.ServiceReferrals.AsNoTracking().Where(CaseRules.AnswerDueBefore.Sql(weekEnd))
                .Where(r => providerId != null && r.Service!.ProviderId == providerId)
                .Select(r => new WorkItems.Row { Kind = OverdueKind.ServiceReferral, ItemId = r.Id, What = khmer ? r.Service!.NameKm : r.Service!.NameEn, CaseId = 0, HouseholdId = 0, DueOn = r.RespondBy, Owner = "", Lead = "" });
        }
        else
        {
            return null;
        }

        var counts = await rows
            .GroupBy(r => r.DueOn < today ? DueGroup.Overdue : r.DueOn == today ? DueGroup.Today : DueGroup.ThisWeek)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var first = new List<WorkItems.Row>();
        if (counts.Count > 0)
        {
            var tomorrow = today.AddDays(1);
            // The first rows of each group in one query: three ordered, limited parts of one UNION ALL.
            IQueryable<WorkItems.Row>? parts = null;
            foreach (var (due, from, until) in new[] { (DueGroup.Overdue, DateOnly.MinValue, today), (DueGroup.Today, today, tomorrow), (DueGroup.ThisWeek, tomorrow, weekEnd) })
            {
                if (!counts.ContainsKey(due)) continue;
                var part = rows.Where(r => r.DueOn >= from && r.DueOn < until)
                    .OrderBy(r => r.DueOn).ThenBy(r => r.CaseId).ThenBy(r => r.Kind).ThenBy(r => r.ItemId).Take(RowsPerGroup);
                parts = parts is null ? part : parts.Concat(part);
            }
            first = await parts!.ToListAsync();
        }
        var items = await WorkItem.WithHeadsAsync(db, first);
        var groups = new[] { DueGroup.Overdue, DueGroup.Today, DueGroup.ThisWeek }
            .Select(g => new Group(g, counts.GetValueOrDefault(g),
                items.Where(i => CaseRules.GroupOf(i.Row.DueOn, today) == g).OrderBy(i => i.Row.DueOn).ThenBy(i => i.Row.CaseId).ThenBy(i => i.Row.Kind).ThenBy(i => i.Row.ItemId).ToList()))
            .ToList();
        var team = me.IsInAnyRole(Roles.CaseSupervisors) ? await TeamAsync(db, me, today) : null;
        return new View(today, groups, provider, team);
    }

    private sealed class Tally
    {
        public string Worker { get; init; } = "";
        public int Case { get; init; }
        public int Late { get; init; }
    }

    /// <summary>The workers who work in the supervisor's area: open cases each leads, and the overdue work on their list.</summary>
    private static async Task<List<TeamRow>> TeamAsync(HiveDbContext db, CurrentUser me, DateOnly today)
    {
        var staff = await db.StaffAsync(CaseAssignments.LeadRoles);
        var villages = await db.Villages.AsNoTracking().Where(me.Scope.VillagePredicate())
            .Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).ToListAsync();
        var members = staff.Where(s => s.UserName != me.UserName && villages.Any(v => s.Scope.Includes(v.Id, v.CommuneId, v.DistrictId)))
            .DistinctBy(s => s.UserName).ToList();
        if (members.Count == 0) return [];
        var names = members.Select(m => m.UserName).ToList();
        var caseload = db.CasesFor(me).Where(CaseRules.Open.Sql).Where(c => names.Contains(c.LeadWorker))
            .Select(c => new Tally { Worker = c.LeadWorker, Case = 1, Late = 0 });
        // Overdue work counted for each worker as their list (/Cases/Overdue?owner=) has it (WorkItems.Of): what they do,
        // what is on the cases they lead, and what is on the cases they are on the team of; each row once per worker.
        var overdue = WorkItems.DueBefore(db, me, today, today).Where(r => r.Kind != OverdueKind.Approval);
        var owned = overdue.Where(r => names.Contains(r.Owner)).Select(r => new Tally { Worker = r.Owner, Case = 0, Late = 1 });
        var led = overdue.Where(r => r.Lead != r.Owner && names.Contains(r.Lead)).Select(r => new Tally { Worker = r.Lead, Case = 0, Late = 1 });
        var onTeam = overdue.Where(r => r.CaseId != 0)
            .Join(db.CaseTeamMembers, r => r.CaseId, t => t.CaseId, (r, t) => new { r.Owner, r.Lead, t.UserName })
            .Where(x => x.UserName != x.Owner && x.UserName != x.Lead && names.Contains(x.UserName))
            .Select(x => new Tally { Worker = x.UserName, Case = 0, Late = 1 });
        var tallies = await caseload.Concat(owned).Concat(led).Concat(onTeam).GroupBy(t => t.Worker)
            .Select(g => new { Worker = g.Key, Cases = g.Sum(t => t.Case), Late = g.Sum(t => t.Late) })
            .ToDictionaryAsync(t => t.Worker);
        return members
            .Select(m => new TeamRow(m.UserName, m.DisplayName, m.Role,
                tallies.TryGetValue(m.UserName, out var t) ? t.Cases : 0, tallies.TryGetValue(m.UserName, out var u) ? u.Late : 0))
            .OrderByDescending(m => m.Overdue).ThenBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
    }
}
