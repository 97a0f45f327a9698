using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>
/// A new study (name in Khmer and English, purpose), made by a researcher or an administrator. It starts with one
/// questionnaire whose first version is a draft holding the outcome indicators, to edit and publish before a wave asks it.
/// </summary>
[Authorize(Policy = Policies.StudyDesign)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int MaxName = 200;
    private const int MaxPurpose = 4000;

    [BindProperty]
    public string? NameKm { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    [BindProperty]
    public string? Purpose { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (NameKm, NameEn, Purpose) = (NameKm?.Trim(), NameEn?.Trim(), string.IsNullOrWhiteSpace(Purpose) ? null : Purpose.Trim());
        foreach (var (field, value) in new[] { (nameof(NameKm), NameKm), (nameof(NameEn), NameEn) })
        {
            if (string.IsNullOrEmpty(value)) ModelState.AddModelError(field, l["Validation.Required"]);
            else if (value.Length > MaxName) ModelState.AddModelError(field, l["Validation.TooLong"]);
        }
        if (Purpose is { Length: > MaxPurpose }) ModelState.AddModelError(nameof(Purpose), l["Validation.TooLong"]);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var now = clock.UtcNow;
        var study = new ResearchStudy
        {
            NameKm = NameKm!,
            NameEn = NameEn!,
            Purpose = Purpose,
            CreatedAt = now,
            Questionnaires =
            [
                new Questionnaire
                {
                    Name = StudyQuestions.FirstQuestionnaireName,
                    Versions = [new QuestionnaireVersion { Number = 1, CreatedAt = now, CreatedBy = me.UserName, Questions = StudyQuestions.Outcomes() }],
                },
            ],
        };
        db.Studies.Add(study);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Validation.Invalid"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Study/Study", new { id = study.Id });
    }
}
