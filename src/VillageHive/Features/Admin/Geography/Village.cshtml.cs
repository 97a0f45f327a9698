using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Admin.Geography;

/// <summary>Add a village to a commune, or rename one. Villages are not deleted: households and history refer to them.</summary>
public sealed class VillageModel(HiveDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public VillageInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? CommuneId { get; set; }

    public int? Id { get; private set; }
    public string CommuneKm { get; private set; } = "";
    public string CommuneEn { get; private set; } = "";
    public bool Stale { get; private set; }

    public sealed class VillageInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(10, MinimumLength = 8, ErrorMessage = "Validation.VillageCode")]
        [RegularExpression("^[0-9]+$", ErrorMessage = "Validation.VillageCode")]
        [Display(Name = "Field.Code")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.NameKm")]
        public string NameKm { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.NameEn")]
        public string NameEn { get; set; } = "";

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var v = await db.Villages.AsNoTracking().Include(x => x.Commune).FirstOrDefaultAsync(x => x.Id == existing);
            if (v is null) return NotFound();
            Id = existing;
            CommuneId = v.CommuneId;
            (CommuneKm, CommuneEn) = (v.Commune!.NameKm, v.Commune.NameEn);
            Input = new VillageInput { Code = v.Code, NameKm = v.NameKm, NameEn = v.NameEn, Version = v.Version };
            return Page();
        }
        var c = await db.Communes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == CommuneId);
        if (c is null) return NotFound();
        (CommuneKm, CommuneEn) = (c.NameKm, c.NameEn);
        var count = await db.Villages.CountAsync(x => x.CommuneId == c.Id);
        Input.Code = $"{c.Code}{count + 1:00}";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Village? village = null;
        if (id is { } existing)
        {
            village = await db.Villages.Include(x => x.Commune).FirstOrDefaultAsync(x => x.Id == existing);
            if (village is null) return NotFound();
            Id = existing;
            CommuneId = village.CommuneId;
        }
        var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(x => x.Id == CommuneId);
        if (commune is null) return NotFound();
        (CommuneKm, CommuneEn) = (commune.NameKm, commune.NameEn);
        if (!ModelState.IsValid) return Page();
        var code = Input.Code.Trim();
        if (!code.StartsWith(commune.Code, StringComparison.Ordinal))
            ModelState.AddModelError("Input.Code", l["Validation.VillageCodePrefix"]);
        else if (await db.Villages.AnyAsync(x => x.Code == code && x.Id != (id ?? 0)))
            ModelState.AddModelError("Input.Code", l["Validation.CodeTaken"]);
        if (!ModelState.IsValid) return Page();
        if (village is null)
        {
            village = new Village { CommuneId = commune.Id, Code = code, NameKm = Input.NameKm.Trim(), NameEn = Input.NameEn.Trim() };
            db.Villages.Add(village);
        }
        else
        {
            village.Code = code;
            village.NameKm = Input.NameKm.Trim();
            village.NameEn = Input.NameEn.Trim();
            db.ExpectVersion(village, Input.Version);
        }
        if (!await db.TrySaveAsync())
        {
            Stale = true;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Admin/Geography/Index", pageHandler: null, fragment: $"commune-{commune.Id}");
    }
}
