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

namespace VillageHive.Features.Programmes;

/// <summary>A new programme (such as an after-school programme) in a village of the supervisor's commune.</summary>
[Authorize(Policy = Policies.CaseSupervise)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ProgrammeInput Input { get; set; } = new();
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];

    public sealed class ProgrammeInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Programme.Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Village")]
        public int? VillageId { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Programme.Place")]
        public string? Place { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Programme.Eligibility")]
        public string? Eligibility { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Range(1, 1000, ErrorMessage = "Validation.Range"), Display(Name = "Programme.Capacity")]
        public int? Capacity { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(256, ErrorMessage = "Validation.TooLong"), Display(Name = "Programme.ProjectOfficer")]
        public string? ProjectOfficer { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Range(1, 10, ErrorMessage = "Validation.Range"), Display(Name = "Programme.AbsenceThreshold")]
        public int? AbsenceThreshold { get; set; } = Programme.DefaultAbsenceThreshold;
    }

    public async Task OnGetAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        Input.ProjectOfficer = me.UserName;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Villages = await db.VillageOptionsAsync(me.Scope);
        if (Input.VillageId is { } v && Villages.All(o => o.Id != v)) ModelState.AddModelError("Input.VillageId", l["Validation.Required"]);
        // The project officer must be a worker who can run programmes in that village.
        var officer = Input.ProjectOfficer?.Trim();
        if (officer is { Length: > 0 } && !await db.Users.AnyAsync(u => u.UserName == officer && u.IsActive))
            ModelState.AddModelError("Input.ProjectOfficer", l["Programme.UnknownOfficer"]);
        if (!ModelState.IsValid) return Page();
        var commune = await db.Villages.Where(x => x.Id == Input.VillageId).Select(x => x.CommuneId).SingleAsync();
        var programme = new Programme
        {
            Name = Input.Name!.Trim(),
            CommuneId = commune,
            VillageId = Input.VillageId,
            Place = string.IsNullOrWhiteSpace(Input.Place) ? null : Input.Place.Trim(),
            Eligibility = Input.Eligibility!.Trim(),
            Capacity = Input.Capacity!.Value,
            ProjectOfficer = officer!,
            AbsenceThreshold = Input.AbsenceThreshold!.Value,
            CreatedAt = clock.UtcNow,
        };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return RedirectToPage("/Programmes/Details", new { id = programme.Id });
    }
}
