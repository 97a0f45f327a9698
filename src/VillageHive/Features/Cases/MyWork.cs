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
        int[] openCases = [];
        var supervisor = me.IsInAnyRole(Roles.CaseSupervisors);
        List<WorkItems.Row>? area = null, listed = null;
        if (me.IsInAnyRole(Roles.CaseWorkers))
        {
            openCases = await WorkItems.OpenCaseIdsAsync(db, me);
            rows = WorkItems.DueBefore(db, me, today, weekEnd, openCases);
            if (supervisor)
            {
                // A supervisor's page shows their own list and the team's overdue work: the area's week is read once.
                area = await rows.ToListAsync();
                var name = me.UserName;
                var theirs = (await db.Cases.Where(c => EF.Parameter(openCases).Contains(c.Id) && (c.LeadWorker == name || c.Team.Any(t => t.UserName == name)))
                    .Select(c => c.Id).ToListAsync()).ToHashSet();
                listed = area.Where(r => WorkItems.IsOn(r, name, withApprovals: true, theirs.Contains)).ToList();
            }
            else
            {
                rows = rows.Of(db, me.UserName, withApprovals: false);
            }
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

        // One read of the week's work (a worker's list is tens to a few hundred rows), counted and cut into groups here:
        // counting and taking each group's first rows in SQL ran the whole union twice.
        var all = listed ?? await rows.ToListAsync();
        var counts = all.GroupBy(r => CaseRules.GroupOf(r.DueOn, today)).ToDictionary(g => g.Key, g => g.Count());
        var first = all.GroupBy(r => CaseRules.GroupOf(r.DueOn, today))
            .SelectMany(g => g.OrderBy(r => r.DueOn).ThenBy(r => r.CaseId).ThenBy(r => r.Kind).ThenBy(r => r.ItemId).Take(RowsPerGroup))
            .ToList();
        var items = await WorkItem.WithHeadsAsync(db, first);
        var groups = new[] { DueGroup.Overdue, DueGroup.Today, DueGroup.ThisWeek }
            .Select(g => new Group(g, counts.GetValueOrDefault(g),
                items.Where(i => CaseRules.GroupOf(i.Row.DueOn, today) == g).OrderBy(i => i.Row.DueOn).ThenBy(i => i.Row.CaseId).ThenBy(i => i.Row.Kind).ThenBy(i => i.Row.ItemId).ToList()))
            .ToList();
        var team = area is not null ? await TeamAsync(db, me, today, openCases, area.Where(r => r.DueOn < today).ToList()) : null;
        return new View(today, groups, provider, team);
    }

    /// <summary>The workers who work in the supervisor's area: open cases each leads, and the overdue work on their list.</summary>
    private static async Task<List<TeamRow>> TeamAsync(HiveDbContext db, CurrentUser me, DateOnly today, int[] openCases, List<WorkItems.Row> overdueInArea)
    {
        var staff = await db.StaffAsync(CaseAssignments.LeadRoles);
        var villages = await db.Villages.AsNoTracking().Where(me.Scope.VillagePredicate())
            .Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).ToListAsync();
        var members = staff.Where(s => s.UserName != me.UserName && villages.Any(v => s.Scope.Includes(v.Id, v.CommuneId, v.DistrictId)))
            .DistinctBy(s => s.UserName).ToList();
        if (members.Count == 0) return [];
        var names = members.Select(m => m.UserName).ToList();
        var caseload = await db.Cases.Where(c => EF.Parameter(openCases).Contains(c.Id) && names.Contains(c.LeadWorker))
            .GroupBy(c => c.LeadWorker).Select(g => new { Worker = g.Key, Cases = g.Count() })
            .ToDictionaryAsync(g => g.Worker, g => g.Cases);
        // Overdue work counted for each worker as their list (/Cases/Overdue?owner=) has it (WorkItems.Of): what they do,
        // what is on the cases they lead, and what is on the cases they are on the team of; each row once per worker.
        // Read once and tallied here: three SQL passes over the union cost a supervisor's home page 0.5 s at district scale.
        var overdue = overdueInArea.Where(r => r.Kind != OverdueKind.Approval).ToList();
        var onCases = overdue.Where(r => r.CaseId != 0).Select(r => r.CaseId).Distinct().ToArray();
        var teams = (await db.CaseTeamMembers.AsNoTracking().Where(t => EF.Parameter(onCases).Contains(t.CaseId) && names.Contains(t.UserName))
            .Select(t => new { t.CaseId, t.UserName }).ToListAsync()).ToLookup(t => t.CaseId, t => t.UserName);
        var late = overdue.SelectMany(r => new[] { r.Owner, r.Lead }.Concat(teams[r.CaseId]).Distinct().Where(names.Contains))
            .GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        return members
            .Select(m => new TeamRow(m.UserName, m.DisplayName, m.Role, caseload.GetValueOrDefault(m.UserName), late.GetValueOrDefault(m.UserName)))
            .OrderByDescending(m => m.Overdue).ThenBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
    }
}
