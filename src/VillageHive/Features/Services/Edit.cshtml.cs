using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services;

/// <summary>Adds or changes a service; the coverage is chosen among the villages of the editor's scope (others are kept).</summary>
[Authorize(Policy = Policies.ServiceAdmin)]
public sealed class EditModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ServiceInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Services.NameKm")]
        public string? NameKm { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Services.NameEn")]
        public string? NameEn { get; set; }

        [Display(Name = "Services.Tier")]
        public Tier Tier { get; set; }

        [Display(Name = "Services.Category")]
        public ServiceCategory Category { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Services.Provider")]
        public int? ProviderId { get; set; }

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Services.Eligibility")]
        public string? Eligibility { get; set; }

        [Range(1, 100_000, ErrorMessage = "Validation.Invalid")]
        [Display(Name = "Services.Capacity")]
        public int? Capacity { get; set; }

        public bool Active { get; set; } = true;
        public List<int> Villages { get; set; } = [];
        public int Version { get; set; }
    }

    [BindProperty] public ServiceInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<ServiceQueries.ProviderOption> Providers { get; private set; } = [];
    public IReadOnlyList<RegistryQueries.VillageOption> VillageOptions { get; private set; } = [];
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        await LoadOptionsAsync();
        if (id is not { } sid) return Page();
        var s = await db.Services.AsNoTracking().Include(x => x.Coverage).FirstOrDefaultAsync(x => x.Id == sid);
        if (s is null) return NotFound();
        Id = sid;
        Input = From(s);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        await LoadOptionsAsync();
        Service? s = null;
        if (id is { } sid)
        {
            s = await db.Services.Include(x => x.Coverage).FirstOrDefaultAsync(x => x.Id == sid);
            if (s is null) return NotFound();
            Id = sid;
        }
        if (Input.ProviderId is { } p && Providers.All(o => o.Id != p))
            ModelState.AddModelError("Input.ProviderId", l["Validation.Invalid"]);
        if (!Enum.IsDefined(Input.Tier)) ModelState.AddModelError("Input.Tier", l["Validation.Invalid"]);
        if (!Enum.IsDefined(Input.Category)) ModelState.AddModelError("Input.Category", l["Validation.Invalid"]);
        var mine = VillageOptions.Select(v => v.Id).ToHashSet();
        if (Input.Villages.Any(v => !mine.Contains(v)))
            ModelState.AddModelError("Input.Villages", l["Validation.VillageOutOfScope"]);
        if (!ModelState.IsValid) return Page();

        s ??= new Service();
        if (s.Id != 0 && s.Version != Input.Version)
        {
            Conflict = [(l["Services.Title"], Input.NameEn ?? "", s.NameEn)];
            ModelState.Remove("Input.Version");
            Input.Version = s.Version;
            return Page();
        }
        s.NameKm = Input.NameKm!.Trim();
        s.NameEn = Input.NameEn!.Trim();
        s.Tier = Input.Tier;
        s.Category = Input.Category;
        s.ProviderId = Input.ProviderId!.Value;
        s.Eligibility = string.IsNullOrWhiteSpace(Input.Eligibility) ? null : Input.Eligibility.Trim();
        s.Capacity = Input.Capacity;
        s.Active = Input.Active;
        // Villages outside the editor's scope stay as they were: a CCWC changes only their commune's coverage.
        var wanted = Input.Villages.ToHashSet();
        s.Coverage.RemoveAll(c => mine.Contains(c.VillageId) && !wanted.Contains(c.VillageId));
        foreach (var v in wanted.Where(v => s.Coverage.All(c => c.VillageId != v)))
            s.Coverage.Add(new ServiceCoverage { VillageId = v });
        if (s.Id == 0) db.Services.Add(s);
        else db.ExpectVersion(s, Input.Version);
        if (!await db.TrySaveAsync())
        {
            await db.Entry(s).ReloadAsync();
            Conflict = [(l["Services.Title"], Input.NameEn ?? "", s.NameEn)];
            ModelState.Remove("Input.Version");
            Input.Version = s.Version;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Services/Index");
    }

    private async Task LoadOptionsAsync()
    {
        Providers = await db.ProviderOptionsAsync();
        VillageOptions = await db.VillageOptionsAsync(me.Scope);
    }

    private static ServiceInput From(Service s) => new()
    {
        NameKm = s.NameKm, NameEn = s.NameEn, Tier = s.Tier, Category = s.Category, ProviderId = s.ProviderId,
        Eligibility = s.Eligibility, Capacity = s.Capacity, Active = s.Active, Villages = s.Coverage.Select(c => c.VillageId).ToList(), Version = s.Version,
    };
}
