using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>Learning support for one programme child: which subject they fall behind in and the help given.</summary>
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class LearningModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public LearningInput Input { get; set; } = new();
    public string ChildKm { get; private set; } = "";
    public int ProgrammeId { get; private set; }
    public string ProgrammeName { get; private set; } = "";
    public bool MayRun { get; private set; }
    public IReadOnlyList<LearningSupport> Records { get; private set; } = [];

    public sealed class LearningInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Learning.Subject")]
        public SchoolSubject? Subject { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Learning.Support")]
        public SupportKind? SupportGiven { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Learning.Note")]
        public string? Note { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Learning.Date")]
        public DateOnly? Date { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input.Date = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayRun) return Forbid();
        var now = clock.UtcNow;
        if (Input.Date > clock.DayOf(now)) ModelState.AddModelError("Input.Date", l["Validation.DateInFuture"]);
        if (!ModelState.IsValid) return Page();
        db.LearningSupport.Add(new LearningSupport
        {
            EnrolmentId = id,
            Subject = Input.Subject!.Value,
            SupportGiven = Input.SupportGiven!.Value,
            Note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim(),
            Date = Input.Date!.Value,
            RecordedBy = me.UserName,
            RecordedAt = now,
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Programmes/Learning", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var e = await db.EnrolmentsIn(me.Scope).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { Name = x.Person!.FamilyNameKm + " " + x.Person.GivenNameKm, x.ProgrammeId, Programme = x.Programme!.Name })
            .FirstOrDefaultAsync();
        if (e is null) return false;
        ChildKm = e.Name;
        ProgrammeId = e.ProgrammeId;
        ProgrammeName = e.Programme;
        MayRun = me.MayRun();
        Records = await db.LearningSupport.AsNoTracking().Where(x => x.EnrolmentId == id).OrderByDescending(x => x.Date).ThenByDescending(x => x.Id).Take(100).ToListAsync();
        return true;
    }
}
