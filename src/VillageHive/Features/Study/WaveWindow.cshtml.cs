using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>Changes a wave's planned window, while nothing has been recorded in it (no household interviewed or given another status).</summary>
[Authorize(Policy = Policies.StudyDesign)]
public sealed class WaveWindowModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DateOnly? PlannedFrom { get; set; }

    [BindProperty]
    public DateOnly? PlannedTo { get; set; }

    public int Id { get; private set; }
    public int StudyId { get; private set; }
    public int Number { get; private set; }
    public string CohortName { get; private set; } = "";
    /// <summary>Households already interviewed or given another status: the window is kept as it was asked.</summary>
    public int Asked { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var wave = await LoadAsync(id);
        if (wave is null) return NotFound();
        (PlannedFrom, PlannedTo) = (wave.PlannedFrom, wave.PlannedTo);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var wave = await LoadAsync(id);
        if (wave is null) return NotFound();
        if (PlannedFrom is null) ModelState.AddModelError(nameof(PlannedFrom), l["Validation.Required"]);
        if (PlannedTo is null) ModelState.AddModelError(nameof(PlannedTo), l["Validation.Required"]);
        if (ModelState.IsValid && Asked > 0)
        {
            ModelState.AddModelError("", l["Study.WindowAsked"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (ModelState.IsValid)
        {
            var others = await db.StudyWaves.AsNoTracking().Where(w => w.Cohort!.StudyId == StudyId && w.Id != id).Select(w => new { w.PlannedFrom, w.PlannedTo }).ToListAsync();
            foreach (var (field, key) in StudyRules.ValidateWindow(PlannedFrom!.Value, PlannedTo!.Value, others.Select(w => (w.PlannedFrom, w.PlannedTo))))
                ModelState.AddModelError(field, l[key]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        wave.PlannedFrom = PlannedFrom!.Value;
        wave.PlannedTo = PlannedTo!.Value;
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Study.ChangedMeanwhilePage"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Study/Study", new { id = StudyId });
    }

    /// <summary>The wave (tracked) if its cohort is in the caller's scope, with how many of its households were already seen.</summary>
    private async Task<StudyWave?> LoadAsync(int id)
    {
        var wave = await db.CohortsIn(me.Scope).SelectMany(c => c.Waves).Where(w => w.Id == id).FirstOrDefaultAsync();
        if (wave is null) return null;
        var facts = await db.StudyWaves.AsNoTracking().Where(w => w.Id == id)
            .Select(w => new { w.Cohort!.StudyId, w.Cohort.Name, Asked = w.Participants.Count(p => p.Status != ParticipantStatus.Pending) }).FirstAsync();
        (Id, StudyId, Number, CohortName, Asked) = (id, facts.StudyId, wave.Number, facts.Name, facts.Asked);
        return wave;
    }
}
