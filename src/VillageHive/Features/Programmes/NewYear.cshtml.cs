using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>A new year of a programme: its first and last day, not overlapping another of its years.</summary>
// Read policy, then the running roles: a programme outside the scope is a 404 for everyone.
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class NewYearModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProgrammeQueries.ProgrammeHeader Programme { get; private set; } = null!;
    public IReadOnlyList<ProgrammeYear> Years { get; private set; } = [];
    [BindProperty] public YearInput Input { get; set; } = new();

    public sealed class YearInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Year.StartDate")]
        public DateOnly? StartDate { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Year.EndDate")]
        public DateOnly? EndDate { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!me.MayRun()) return Forbid();
        // The year after the last, a calendar year on; the first year from today.
        var last = Years.Count > 0 ? Years[^1] : null;
        Input.StartDate = last is null ? clock.Today : last.StartDate.AddYears(1);
        Input.EndDate = last is null ? clock.Today.AddYears(1).AddDays(-1) : last.EndDate.AddYears(1);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!me.MayRun()) return Forbid();
        if (!ModelState.IsValid) return Page();
        var start = Input.StartDate!.Value;
        var end = Input.EndDate!.Value;
        if (end <= start) ModelState.AddModelError("Input.EndDate", l["Year.EndBeforeStart"]);
        else if (end.DayNumber - start.DayNumber >= ProgrammeYear.MaxDays) ModelState.AddModelError("Input.EndDate", string.Format(l["Year.TooLong"], ProgrammeYear.MaxDays));
        else if (ProgrammeYearRules.Overlaps(Years, start, end)) ModelState.AddModelError("Input.StartDate", l["Year.Overlaps"]);
        if (start.Year is < 2000 or > 2100 || end.Year is < 2000 or > 2100) ModelState.AddModelError("Input.StartDate", l["Validation.Year"]);
        if (!ModelState.IsValid) return Page();
        var year = new ProgrammeYear { ProgrammeId = id, StartDate = start, EndDate = end, CreatedBy = me.UserName, CreatedAt = clock.UtcNow };
        db.ProgrammeYears.Add(year);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.StartDate", l["Year.Overlaps"]);
            return Page();
        }
        TempData["Flash"] = l["Year.Added"].Value;
        return RedirectToPage("/Programmes/Details", new { id, year = year.Id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return false;
        Programme = header;
        Years = await db.YearsAsync(id);
        return true;
    }
}
