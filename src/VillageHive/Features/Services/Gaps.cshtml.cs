using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services;

/// <summary>
/// Per village: the categories of service its families need against the services that cover it. A need comes from
/// (1) the concerns of referrals behind open cases, mapped by <see cref="ServiceNeeds.ForConcerns"/>, (2) material
/// support asked for (<see cref="ServiceNeeds.ForItem"/>), (3) the category of services a case was referred to, and
/// (4) gaps people reported, (5) needs heard in held village consultations (<see cref="ConsultationRules.HeardNeed"/>). Plan actions are free text, so they count through the service referrals made from them.
/// Only counts are shown, never a family.
/// </summary>
[Authorize(Policy = Policies.ServiceGaps)]
public sealed class GapsModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 10;

    public sealed class GapInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Village")]
        public int? VillageId { get; set; }

        [Display(Name = "Services.Category")]
        public ServiceCategory Category { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Gaps.Description")]
        public string? Description { get; set; }
    }

    [BindProperty] public GapInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "village")] public int? VillageFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public IReadOnlyList<VillageGaps> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public sealed record Need(ServiceCategory Category, int Count, bool Covered);
    public sealed record Declined(string ServiceKm, string ServiceEn, DateTime At);
    public sealed record Report(ServiceCategory Category, string Description, DateTime At);
    public sealed record VillageGaps(int Id, string NameKm, string NameEn, string CommuneKm, string CommuneEn,
        IReadOnlyList<Need> Needs, IReadOnlyList<ServiceCategory> Covered, IReadOnlyList<Declined> DeclinedForCapacity, IReadOnlyList<Report> Reports,
        IReadOnlyList<ServiceCategory> Heard)
    {
        public int GapCount => Needs.Count(n => !n.Covered);
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Input.VillageId is { } v && Villages.All(o => o.Id != v))
            ModelState.AddModelError("Input.VillageId", l["Validation.VillageOutOfScope"]);
        if (!Enum.IsDefined(Input.Category)) ModelState.AddModelError("Input.Category", l["Validation.Invalid"]);
        if (!ModelState.IsValid) return Page();
        db.ServiceGapReports.Add(new ServiceGapReport
        {
            VillageId = Input.VillageId!.Value, Category = Input.Category, Description = Input.Description!.Trim(),
            ReportedBy = me.UserName, ReportedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Gaps.Recorded"].Value;
        return RedirectToPage("/Services/Gaps", new { village = Input.VillageId });
    }

    private async Task LoadAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        Villages = await db.VillageOptionsAsync(me.Scope);
        var shown = Villages.Where(v => VillageFilter is null || v.Id == VillageFilter).ToList();
        var page = shown.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        Pager = new Pager(PageNumber, PageSize, shown.Count, n => Url.Page("Gaps", new { village = VillageFilter, p = n })!);
        var ids = page.Select(v => v.Id).ToList();

        var concerns = await db.Cases.AsNoTracking().Where(CaseRules.Open.Sql).Where(c => ids.Contains(c.VillageId))
            .GroupBy(c => new { c.VillageId, c.Referral!.Concerns }).Select(g => new { g.Key.VillageId, g.Key.Concerns, N = g.Count() }).ToListAsync();
        var items = await db.MaterialSupportRequests.AsNoTracking().Where(r => ids.Contains(r.Case!.VillageId) && r.Status != SupportStatus.Rejected)
            .GroupBy(r => new { r.Case!.VillageId, r.Item }).Select(g => new { g.Key.VillageId, g.Key.Item, N = g.Count() }).ToListAsync();
        var referred = await db.ServiceReferrals.AsNoTracking().Where(r => ids.Contains(r.Case!.VillageId))
            .GroupBy(r => new { r.Case!.VillageId, r.Service!.Category }).Select(g => new { g.Key.VillageId, g.Key.Category, N = g.Count() }).ToListAsync();
        var reports = await db.ServiceGapReports.AsNoTracking().Where(r => ids.Contains(r.VillageId)).OrderByDescending(r => r.Id).Take(200)
            .Select(r => new { r.VillageId, r.Category, r.Description, r.ReportedAt }).ToListAsync();
        var heard = await db.ConsultationEntries.AsNoTracking().Where(ConsultationRules.HeardNeed).Where(e => ids.Contains(e.Consultation!.VillageId))
            .GroupBy(e => new { e.Consultation!.VillageId, e.ServiceNeeded }).Select(g => new { g.Key.VillageId, g.Key.ServiceNeeded, N = g.Count() }).ToListAsync();
        var coverage = await db.ServiceCoverage.AsNoTracking().Where(c => ids.Contains(c.VillageId))
            .Join(db.Services.Where(s => s.Active), c => c.ServiceId, s => s.Id, (c, s) => new { c.VillageId, s.Category }).ToListAsync();
        var declined = await db.ServiceReferrals.AsNoTracking().Where(r => ids.Contains(r.Case!.VillageId) && r.DeclinedForCapacity)
            .OrderByDescending(r => r.Id).Take(100)
            .Select(r => new { r.Case!.VillageId, r.Service!.NameKm, r.Service.NameEn, At = r.RespondedAt ?? r.SentAt }).ToListAsync();

        Rows = page.Select(v =>
        {
            var counts = new Dictionary<ServiceCategory, int>();
            void Add(ServiceCategory c, int n) => counts[c] = counts.GetValueOrDefault(c) + n;
            foreach (var c in concerns.Where(x => x.VillageId == v.Id))
                foreach (var cat in ServiceNeeds.ForConcerns(c.Concerns)) Add(cat, c.N);
            foreach (var i in items.Where(x => x.VillageId == v.Id)) Add(ServiceNeeds.ForItem(i.Item), i.N);
            foreach (var r in referred.Where(x => x.VillageId == v.Id)) Add(r.Category, r.N);
            foreach (var r in reports.Where(x => x.VillageId == v.Id)) Add(r.Category, 1);
            foreach (var h in heard.Where(x => x.VillageId == v.Id)) Add(h.ServiceNeeded!.Value, h.N);
            var covered = coverage.Where(c => c.VillageId == v.Id).Select(c => c.Category).Distinct().OrderBy(c => c).ToList();
            var needs = counts.OrderByDescending(kv => !covered.Contains(kv.Key)).ThenByDescending(kv => kv.Value)
                .Select(kv => new Need(kv.Key, kv.Value, covered.Contains(kv.Key))).ToList();
            return new VillageGaps(v.Id, v.NameKm, v.NameEn, v.CommuneKm, v.CommuneEn, needs, covered,
                declined.Where(d => d.VillageId == v.Id).Select(d => new Declined(d.NameKm, d.NameEn, d.At)).ToList(),
                reports.Where(r => r.VillageId == v.Id).Take(5).Select(r => new Report(r.Category, r.Description, r.ReportedAt)).ToList(),
                heard.Where(h => h.VillageId == v.Id).Select(h => h.ServiceNeeded!.Value).Distinct().Order().ToList());
        }).ToList();
    }
}
