using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

public enum OverdueKind
{
    Assessment = 0,
    PlanAction = 1,
    Review = 2,
    Task = 3,
    /// <summary>A service referral the provider has not answered in time.</summary>
    ServiceReferral = 4,
}

/// <summary>
/// Every piece of overdue work on the cases the user may see, one row per item, oldest first: one SQL
/// UNION ALL of the four kinds, paged in the database.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class OverdueModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "mine")] public bool? Mine { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public bool MineOn { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    /// <summary>Settable properties, not a constructor: EF Core translates a UNION only of member-initialised rows.</summary>
    public sealed class Row
    {
        public OverdueKind Kind { get; init; }
        public string? What { get; init; }
        public int CaseId { get; init; }
        public int HouseholdId { get; init; }
        public DateOnly DueOn { get; init; }
        public string Owner { get; init; } = "";
    }

    public sealed record Item(Row Row, string? Head)
    {
        public int DaysLate(DateOnly today) => today.DayNumber - Row.DueOn.DayNumber;
    }

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        Today = clock.Today;
        var today = Today;
        MineOn = Mine ?? me.IsInRole(Roles.VillageSocialWorker);
        var name = me.UserName;
        var cases = db.CasesFor(me).AsNoTracking().Where(CaseRules.Open.Sql);

        var assessments = cases.Where(CaseAccess.AssessmentOverdue(db, today))
            .Select(c => new Row { Kind = OverdueKind.Assessment, What = null, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = c.AssessmentDueOn!.Value, Owner = c.LeadWorker });
        var reviews = cases.Where(CaseRules.ReviewOverdue.Sql(today))
            .Select(c => new Row { Kind = OverdueKind.Review, What = null, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = c.NextReviewDueOn!.Value, Owner = c.LeadWorker });
        var actions = db.PlanActions.AsNoTracking().Where(CaseRules.ActionOverdue.Sql(today))
            .Join(cases, a => a.Plan!.CaseId, c => c.Id, (a, c) => new Row { Kind = OverdueKind.PlanAction, What = a.Text, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = a.DueOn, Owner = a.OwnerWorker ?? a.OwnerProvider ?? (a.OwnerNetworkMember != null ? a.OwnerNetworkMember.Name : "") });
        var tasks = db.CaseTasks.AsNoTracking().Where(CaseRules.TaskOverdue.Sql(today))
            .Join(cases, t => t.CaseId, c => c.Id, (t, c) => new Row { Kind = OverdueKind.Task, What = t.Text, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = t.DueOn, Owner = t.AssignedTo });
        // A provider's answer overdue: the worker follows it up (the service's name, in the language of the page).
        var khmer = Localisation.IsKhmer;
        var referrals = db.ServiceReferrals.AsNoTracking().Where(CaseRules.AnswerOverdue.Sql(today))
            .Join(cases, r => r.CaseId, c => c.Id, (r, c) => new Row { Kind = OverdueKind.ServiceReferral, What = khmer ? r.Service!.NameKm : r.Service!.NameEn, CaseId = c.Id, HouseholdId = c.HouseholdId, DueOn = r.RespondBy, Owner = r.SentBy });
        if (MineOn)
        {
            // Mine: what I own, and all overdue work on the cases I lead or am on the team of.
            var myCases = db.Cases.Where(c => c.LeadWorker == name || c.Team.Any(t => t.UserName == name)).Select(c => c.Id);
            assessments = assessments.Where(r => r.Owner == name || myCases.Contains(r.CaseId));
            reviews = reviews.Where(r => r.Owner == name || myCases.Contains(r.CaseId));
            actions = actions.Where(r => r.Owner == name || myCases.Contains(r.CaseId));
            tasks = tasks.Where(r => r.Owner == name || myCases.Contains(r.CaseId));
            referrals = referrals.Where(r => r.Owner == name || myCases.Contains(r.CaseId));
        }
        var all = assessments.Concat(actions).Concat(reviews).Concat(tasks).Concat(referrals);
        var total = await all.CountAsync();
        var rows = await all.OrderBy(r => r.DueOn).ThenBy(r => r.CaseId).ThenBy(r => r.Kind)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        // Names for the page's households in one more query (a UNION cannot carry the name subquery on both databases).
        var households = rows.Select(r => r.HouseholdId).Distinct().ToList();
        var heads = await db.Households.AsNoTracking().Where(h => households.Contains(h.Id))
            .Select(h => new { h.Id, Name = Household.Shown(h.HeadNameKm) })
            .ToDictionaryAsync(h => h.Id, h => h.Name);
        Items = rows.Select(r => new Item(r, heads.GetValueOrDefault(r.HouseholdId))).ToList();
        Pager = new Pager(PageNumber, PageSize, total, n => Url.Page("Overdue", new { mine = MineOn, p = n })!);
    }
}
