using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Admin.Geography;

/// <summary>Edit a commune's names and its Hive's stage and dates.</summary>
public sealed class CommuneModel(HiveDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CommuneInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public bool Stale { get; private set; }

    public sealed class CommuneInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.NameKm")]
        public string NameKm { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.NameEn")]
        public string NameEn { get; set; } = "";

        [Display(Name = "Field.HiveStatus")]
        public HiveStatus Status { get; set; }

        [Range(2000, 2100, ErrorMessage = "Validation.Year")]
        [Display(Name = "Field.PlannedYear")]
        public int? PlannedYear { get; set; }

        [DataType(DataType.Date), Display(Name = "Field.CoCreationFrom")]
        public DateOnly? CoCreationFrom { get; set; }

        [DataType(DataType.Date), Display(Name = "Field.OperatingFrom")]
        public DateOnly? OperatingFrom { get; set; }

        [DataType(DataType.Date), Display(Name = "Field.HandedOverOn")]
        public DateOnly? HandedOverOn { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var c = await db.Communes.AsNoTracking().Include(x => x.Hive).FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return NotFound();
        Id = id;
        Code = c.Code;
        var hive = c.Hive ?? new Hive();
        Input = new CommuneInput
        {
            NameKm = c.NameKm, NameEn = c.NameEn, Status = hive.Status, PlannedYear = hive.PlannedYear,
            CoCreationFrom = hive.CoCreationFrom, OperatingFrom = hive.OperatingFrom, HandedOverOn = hive.HandedOverOn,
            Version = c.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var c = await db.Communes.Include(x => x.Hive).FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return NotFound();
        Id = id;
        Code = c.Code;
        if (!ModelState.IsValid) return Page();
        if (c.Version != Input.Version)
        {
            Stale = true;
            ModelState.Remove("Input.Version");
            Input.Version = c.Version;
            return Page();
        }
        var hive = c.Hive ??= new Hive { CommuneId = c.Id };
        hive.Status = Input.Status;
        hive.PlannedYear = Input.PlannedYear;
        hive.CoCreationFrom = Input.CoCreationFrom;
        hive.OperatingFrom = Input.OperatingFrom;
        hive.HandedOverOn = Input.HandedOverOn;
        foreach (var field in hive.Validate())
            // The day a Hive began to run on its own is recorded on /Hives (its stage history), not here.
            ModelState.AddModelError(field == nameof(Hive.IndependentFrom) ? "Input.Status" : $"Input.{field}", l["Validation.HiveDates"]);
        if (!ModelState.IsValid) return Page();
        c.NameKm = Input.NameKm.Trim();
        c.NameEn = Input.NameEn.Trim();
        // The commune's version covers its Hive too, so a stale Hive edit is caught even when the names did not change.
        db.Entry(c).State = EntityState.Modified;
        db.ExpectVersion(c, Input.Version);
        if (!await db.TrySaveAsync())
        {
            Stale = true;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Admin/Geography/Index", pageHandler: null, fragment: $"commune-{id}");
    }
}
