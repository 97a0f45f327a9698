using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Referrals;

/// <summary>The referral inbox for workers; for a Community Network member, the referrals they made and their status.</summary>
[Authorize(Policy = Policies.ReferralList)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "status")] public ReferralStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "village")] public int? VillageId { get; set; }
    [BindProperty(SupportsGet = true, Name = "urgency")] public Urgency? Urgency { get; set; }
    [BindProperty(SupportsGet = true, Name = "age")] public string? AgeBand { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public bool IsWorker { get; private set; }

    /// <summary>Only those who may refer see "New referral" (a district manager reads the list but does not refer).</summary>
    public bool MayRefer { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public int OpenHighRiskCases { get; private set; }

    public sealed record Row(int Id, DateTime ReceivedAt, ReferralStatus Status, Urgency Urgency, Concerns Concerns, string VillageKm, string VillageEn,
        IReadOnlyList<string> Children, ScreeningDecision? Decision, CaseStatus? CaseStatus)
    {
        public ReferralOutcome Outcome => ReferralOutcomes.Of(Status, Decision, CaseStatus);
    }

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        IsWorker = me.IsInAnyRole(Roles.ReferralWorkers);
        MayRefer = me.IsInAnyRole(Roles.Referrers);
        var scope = me.Scope;
        Villages = await db.VillageOptionsAsync(scope);
        var q = db.ReferralsFor(me).AsNoTracking();
        if (Status is { } s) q = q.Where(r => r.Status == s);
        if (VillageId is { } v) q = q.Where(r => r.VillageId == v);
        if (Urgency is { } u) q = q.Where(r => r.Urgency == u);
        var thisYear = clock.Today.Year;
        (int From, int To)? band = AgeBand switch { "0-5" => (0, 5), "6-11" => (6, 11), "12-17" => (12, 17), _ => null };
        if (band is { } b)
        {
            // Age from the date of birth's year or the estimate: good enough to sort an inbox.
            var youngest = thisYear - b.To;
            var oldest = thisYear - b.From;
            q = q.Where(r => r.Children.Any(c => (c.Person!.DateOfBirth != null ? c.Person.DateOfBirth.Value.Year : c.Person.EstimatedBirthYear) >= youngest
                && (c.Person.DateOfBirth != null ? c.Person.DateOfBirth.Value.Year : c.Person.EstimatedBirthYear) <= oldest));
        }
        var total = await q.CountAsync();
        q = Sort switch
        {
            "oldest" => q.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id),
            "urgency" => q.OrderBy(r => r.Status).ThenByDescending(r => r.Urgency).ThenBy(r => r.ReceivedAt),
            _ => q.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id),
        };
        Rows = await q.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id, r.ReceivedAt, r.Status, r.Urgency, r.Concerns, r.Village!.NameKm, r.Village.NameEn,
                // A lookup per child, not a join: see Cases/CasePage/Details (the merged-person filter defeats SQLite's join flattening).
                // In the order they were registered, not the order the database happens to return (a restored copy differs).
                r.Children.OrderBy(c => c.PersonId).Select(c => db.Persons.Where(p => p.Id == c.PersonId).Select(p => p.FamilyNameKm + " " + p.GivenNameKm).FirstOrDefault()!)
                    .Where(n => n != null).ToList(),
                r.Screening != null ? r.Screening.Decision : null,
                db.Cases.Where(c => c.ReferralId == r.Id).Select(c => (CaseStatus?)c.Status).FirstOrDefault()))
            .ToListAsync();
        if (IsWorker)
            OpenHighRiskCases = await db.CasesIn(scope).Where(CaseRules.Open.Sql).CountAsync(c => c.RiskLevel == Priority.High);
        Pager = new Pager(PageNumber, PageSize, total,
            n => Url.Page("Index", new { status = Status, village = VillageId, urgency = Urgency, age = AgeBand, sort = Sort, p = n })!);
    }
}
