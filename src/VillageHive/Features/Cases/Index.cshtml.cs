using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>The cases the user may see (<see cref="CaseAccess.CasesFor"/>), filtered, sorted and paged in SQL.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "tier")] public Tier? Tier { get; set; }
    [BindProperty(SupportsGet = true, Name = "risk")] public Priority? Risk { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "worker")] public string? Worker { get; set; }
    [BindProperty(SupportsGet = true, Name = "village")] public int? VillageId { get; set; }
    [BindProperty(SupportsGet = true, Name = "overdue")] public bool Overdue { get; set; }
    /// <summary>Null: the default for the role (on for Village social workers).</summary>
    [BindProperty(SupportsGet = true, Name = "mine")] public bool? Mine { get; set; }
    /// <summary>"escalation", "transfer" or "closure": what waits for this supervisor's decision.</summary>
    [BindProperty(SupportsGet = true, Name = "waiting")] public string? Waiting { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public bool MineOn { get; private set; }
    public bool IsSupervisor { get; private set; }
    public int EscalationsWaiting { get; private set; }
    public int TransfersWaiting { get; private set; }
    public int ClosuresWaiting { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>The children each row's referral was about, by referral id.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<CaseChildren.Child>> Children { get; private set; } = new Dictionary<int, IReadOnlyList<CaseChildren.Child>>();
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public IReadOnlyList<(string UserName, string DisplayName)> Workers { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public DateOnly Today { get; private set; }

    public sealed record Row(int Id, int ReferralId, string? HeadKm, string? HeadLatin, string VillageKm, string VillageEn, Tier Tier, Priority Risk, CaseStatus Status,
        string LeadWorker, string? LeadName, DateTime OpenedAt, DateOnly? AssessmentDue, DateOnly? ReviewDue, DateOnly? ActionDue, DateOnly? TaskDue)
    {
        /// <summary>The earliest open piece of work: assessment (until approved), review, plan action, task.</summary>
        public DateOnly? NextDue => new[] { AssessmentDue, ReviewDue, ActionDue, TaskDue }.Where(d => d.HasValue).Min();
    }

    public async Task OnGetAsync()
    {
        if (Query is { Length: > 100 }) Query = Query[..100];
        PageNumber = Pager.Clamp(PageNumber);
        Today = clock.Today;
        var today = Today;
        var name = me.UserName;
        IsSupervisor = me.IsInAnyRole(Roles.CaseSupervisors);
        MineOn = Mine ?? (me.IsInRole(Roles.VillageSocialWorker) && !IsSupervisor);
        Villages = await db.VillageOptionsAsync(me.Scope);

        var visible = db.CasesFor(me).AsNoTracking();
        var leads = await visible.Select(c => c.LeadWorker).Distinct().ToListAsync();
        Workers = await db.Users.AsNoTracking().Where(u => leads.Contains(u.UserName!))
            .OrderBy(u => u.DisplayName).Select(u => new ValueTuple<string, string>(u.UserName!, u.DisplayName)).ToListAsync();

        var toMyCommune = me.Scope.ContainsCommune<CaseTransfer>(t => t.ToCommune!);
        var transferIds = db.CaseTransfers.Where(t => t.Accepted == null).Where(toMyCommune).Select(t => t.CaseId);
        var escalationIds = db.CaseEscalations.Where(e => e.AcceptedBy == null).Select(e => e.CaseId);
        // Closure proposals wait for a supervisor other than the one who proposed.
        var closureIds = db.CaseClosures.Where(x => x.Status == ClosureStatus.Proposed && x.ClosedBy != name).Select(x => x.CaseId);
        if (IsSupervisor)
        {
            // Escalations wait for the supervisors of the case's commune: CasesFor already holds a supervisor to their scope.
            EscalationsWaiting = await visible.Where(CaseRules.Open.Sql).CountAsync(c => escalationIds.Contains(c.Id));
            TransfersWaiting = await visible.CountAsync(c => transferIds.Contains(c.Id));
            ClosuresWaiting = await visible.Where(CaseRules.TakesWork.Sql).CountAsync(c => closureIds.Contains(c.Id));
        }

        var q = visible;
        if (IsSupervisor && Waiting == "escalation") q = q.Where(CaseRules.Open.Sql).Where(c => escalationIds.Contains(c.Id));
        if (IsSupervisor && Waiting == "transfer") q = q.Where(c => transferIds.Contains(c.Id));
        if (IsSupervisor && Waiting == "closure") q = q.Where(CaseRules.TakesWork.Sql).Where(c => closureIds.Contains(c.Id));
        if (Tier is { } t) q = q.Where(c => c.Tier == t);
        if (Risk is { } r) q = q.Where(c => c.RiskLevel == r);
        if (Status is { } s) q = q.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(Worker)) q = q.Where(c => c.LeadWorker == Worker);
        if (VillageId is { } v) q = q.Where(c => c.VillageId == v);
        if (Overdue) q = q.Where(CaseAccess.Overdue(db, today));
        if (MineOn) q = q.Where(c => c.LeadWorker == name || c.Team.Any(m => m.UserName == name));
        var text = NameSearch.Normalise(Query);
        if (text.Length > 0)
        {
            // Anyone in the family, or a child the referral was about, by any spelling of their name (NameRules).
            // Two uncorrelated "IN (...)" sets, read once, rather than a test of every case's members against the names.
            var named = db.PersonsNamed(text);
            var households = named.Select(p => p.HouseholdId);
            var referrals = db.ReferralChildren.Where(rc => named.Select(p => p.Id).Contains(rc.PersonId)).Select(rc => rc.ReferralId);
            q = q.Where(c => households.Contains(c.HouseholdId) || referrals.Contains(c.ReferralId));
        }

        var total = await q.CountAsync();
        q = Sort switch
        {
            "oldest" => q.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id),
            "risk" => q.OrderByDescending(c => c.RiskLevel).ThenByDescending(c => c.Tier).ThenBy(c => c.Id),
            "status" => q.OrderBy(c => c.Status).ThenBy(c => c.Id),
            "review" => q.OrderBy(c => c.NextReviewDueOn == null).ThenBy(c => c.NextReviewDueOn).ThenBy(c => c.Id),
            "village" => q.OrderBy(c => c.Village!.Code).ThenBy(c => c.Id),
            // Open cases first (the work), newest first; closed ones after them, still one page away.
            _ => q.OrderByDescending(CaseRules.Open.Sql).ThenByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id),
        };
        var approved = CaseRules.Approved.Sql;
        var openAction = CaseRules.OpenAction.Sql;
        var openTask = CaseRules.OpenTask.Sql;
        Rows = await q.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.ReferralId,
                Household.Shown(c.Household!.HeadNameKm),
                c.Household.HeadNameLatin,
                c.Village!.NameKm, c.Village.NameEn, c.Tier, c.RiskLevel, c.Status, c.LeadWorker,
                db.Users.Where(u => u.UserName == c.LeadWorker).Select(u => u.DisplayName).FirstOrDefault(),
                c.OpenedAt,
                db.Assessments.Where(approved).Any(a => a.CaseId == c.Id) ? null : c.AssessmentDueOn,
                c.NextReviewDueOn,
                db.PlanActions.Where(openAction).Where(a => a.Plan!.CaseId == c.Id).Min(a => (DateOnly?)a.DueOn),
                db.CaseTasks.Where(openTask).Where(k => k.CaseId == c.Id).Min(k => (DateOnly?)k.DueOn)))
            .ToListAsync();
        Children = await db.ChildrenOfReferralsAsync(Rows.Select(r => r.ReferralId).ToList());
        Pager = new Pager(PageNumber, PageSize, total, n => Url.Page("Index", new
        {
            q = Query, tier = Tier, risk = Risk, status = Status, worker = Worker, village = VillageId,
            overdue = Overdue ? true : (bool?)null, mine = MineOn, waiting = Waiting, sort = Sort, p = n,
        })!);
    }
}
