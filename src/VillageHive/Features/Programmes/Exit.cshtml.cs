using VillageHive.Domain;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>A child leaves the programme: the date and why. The enrolment stays, as history.</summary>
// Read policy, then the running roles: a programme outside the scope is a 404 for everyone.
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class ExitModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public ExitInput Input { get; set; } = new();
    public string ChildKm { get; private set; } = "";
    public int ProgrammeId { get; private set; }
    public string ProgrammeName { get; private set; } = "";
    public IReadOnlyList<(string, string, string)> Conflict { get; private set; } = [];

    public sealed class ExitInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Enrolment.ExitDate")]
        public DateOnly? ExitDate { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Enrolment.ExitReason")]
        public string? ExitReason { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var e = await LoadAsync(id);
        if (e is null) return NotFound();
        if (!me.MayRun()) return Forbid();
        if (e.ExitDate is not null) return RedirectToPage("/Programmes/Details", new { id = ProgrammeId });
        Input.ExitDate = clock.Today;
        Input.Version = e.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var e = await LoadAsync(id);
        if (e is null) return NotFound();
        if (!me.MayRun()) return Forbid();
        if (e.ExitDate is not null) return RedirectToPage("/Programmes/Details", new { id = ProgrammeId });
        var today = clock.Today;
        if (Input.ExitDate > today) ModelState.AddModelError("Input.ExitDate", l["Validation.DateInFuture"]);
        else if (Input.ExitDate < e.StartDate) ModelState.AddModelError("Input.ExitDate", l["Enrolment.ExitBeforeStart"]);
        else if (Input.ExitDate > e.YearEnd) ModelState.AddModelError("Input.ExitDate", l["Enrolment.ExitAfterYear"]);
        if (!ModelState.IsValid) return Page();
        db.ExpectVersion(e, Input.Version);
        e.ExitDate = Input.ExitDate;
        e.ExitReason = Input.ExitReason!.Trim();
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            var now = await db.Enrolments.AsNoTracking().FirstAsync(x => x.Id == id);
            Conflict = [(l["Enrolment.ExitDate"], Input.ExitDate?.ToString("d") ?? "", now.ExitDate?.ToString("d") ?? "–")];
            Input.Version = now.Version;
            return Page();
        }
        TempData["Flash"] = l["Enrolment.Exited"].Value;
        return RedirectToPage("/Programmes/Details", new { id = ProgrammeId });
    }

    private async Task<Domain.Enrolment?> LoadAsync(int id)
    {
        var e = await db.EnrolmentsIn(me.Scope).Include(x => x.Person).Include(x => x.Programme).FirstOrDefaultAsync(x => x.Id == id);
        if (e is null) return null;
        ChildKm = e.Person!.DisplayNameKm;
        ProgrammeId = e.ProgrammeId;
        ProgrammeName = e.Programme!.Name;
        return e;
    }
}
