using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// Every piece of work overdue (or, with <c>due</c>, due today or this week) on the cases and programmes the user may
/// see, one row per item, oldest first: one SQL UNION ALL of the kinds (<see cref="WorkItems"/>), paged in the
/// database. <c>mine</c> keeps the user's own work, <c>owner</c> one worker's (a supervisor's link from the team list).
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class OverdueModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "mine")] public bool? Mine { get; set; }
    [BindProperty(SupportsGet = true, Name = "owner")] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true, Name = "due")] public DueGroup Due { get; set; } = DueGroup.Overdue;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public bool MineOn { get; private set; }
    public DateOnly Today { get; private set; }
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public IReadOnlyList<WorkItem> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        if (!Enum.IsDefined(Due)) Due = DueGroup.Overdue;
        // A user name, or nothing: a control character (PostgreSQL refuses a NUL in text) or an endless name is no one.
        Owner = string.IsNullOrWhiteSpace(Owner) || Owner.Length > 256 || Owner.Any(char.IsControl) ? null : Owner.Trim();
        Today = clock.Today;
        var today = Today;
        MineOn = Owner is null && (Mine ?? me.IsInRole(Roles.VillageSocialWorker));
        var until = Due switch { DueGroup.Overdue => today, DueGroup.Today => today.AddDays(1), _ => CaseRules.WeekEnd(today) };
        var from = Due switch { DueGroup.Overdue => DateOnly.MinValue, DueGroup.Today => today, _ => today.AddDays(1) };
        var rows = WorkItems.DueBefore(db, me, today, until, await WorkItems.OpenCaseIdsAsync(db, me));
        if (Due != DueGroup.Overdue) rows = rows.Where(r => r.DueOn >= from);
        if (MineOn) rows = rows.Of(db, me.UserName, me.IsInAnyRole(Roles.CaseSupervisors));
        else if (Owner is { } owner) rows = rows.Of(db, owner, withApprovals: false);
        var total = await rows.CountAsync();
        var page = await rows.OrderBy(r => r.DueOn).ThenBy(r => r.CaseId).ThenBy(r => r.Kind).ThenBy(r => r.ItemId)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Items = await WorkItem.WithHeadsAsync(db, page);
        Pager = new Pager(PageNumber, PageSize, total, n => Url.Page("Overdue", new { mine = MineOn, owner = Owner, due = Due == DueGroup.Overdue ? (DueGroup?)null : Due, p = n })!);
    }
}

/// <summary>
/// A row of work as a list shows it: with the household's name (or the child's, for a programme follow-up). The owner is
/// named by the view through <see cref="Shared.PeopleNames"/> (a colleague by full name; a provider or a network member as
/// written).
/// </summary>
public sealed record WorkItem(WorkItems.Row Row, string? Head)
{
    public int DaysLate(DateOnly today) => today.DayNumber - Row.DueOn.DayNumber;

    /// <summary>Names for the rows' households in one more query (a UNION cannot carry the name subqueries on both databases).</summary>
    public static async Task<List<WorkItem>> WithHeadsAsync(HiveDbContext db, IReadOnlyList<WorkItems.Row> rows)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return [];
        var households = rows.Where(r => r.HouseholdId != 0).Select(r => r.HouseholdId).Distinct().ToList();
        var heads = households.Count == 0 ? [] : await db.Households.AsNoTracking().Where(h => households.Contains(h.Id))
            .Select(h => new { h.Id, Name = Household.Shown(h.HeadNameKm) })
            .ToDictionaryAsync(h => h.Id, h => h.Name);
        return rows.Select(r => new WorkItem(r, heads.GetValueOrDefault(r.HouseholdId))).ToList();
    }
}
