using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Assessments;

/// <summary>A new Signs of Safety assessment (a draft); the first one moves an open case to Assessment.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "Input")] public AssessmentInput Input { get; set; } = new();

    public int Id { get; private set; }
    public bool Frozen { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = !header.TakesWork;
        Input.AssessedOn = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = ModelState.RefuseUnlessTakesWork(header, l);
        if (Frozen) return Page();
        Input.Check(clock.Today, (field, key) => ModelState.AddModelError($"Input.{field}", l[key]));
        if (Input.AssessedOn is null) ModelState.AddModelError("Input.AssessedOn", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();

        var now = clock.UtcNow;
        var number = await db.Assessments.Where(a => a.CaseId == id).Select(a => (int?)a.Number).MaxAsync() ?? 0;
        var assessment = new Assessment { CaseId = id, Number = number + 1, Status = AssessmentStatus.Draft, CreatedBy = me.UserName, CreatedAt = now };
        Input.ApplyTo(assessment, _ => { });
        db.Assessments.Add(assessment);
        if (header.Status == CaseStatus.Open)
        {
            var c = await db.Cases.FirstAsync(x => x.Id == id);
            db.ExpectVersion(c, header.Version);
            if (CaseWorkflow.StartAssessment(c, me.UserName, now) is { } started) db.CaseTransitions.Add(started);
        }
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Someone else added an assessment (the number is unique per case) or moved the case at the same moment.
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Assessments/Details", new { id, assessmentId = assessment.Id });
    }
}
