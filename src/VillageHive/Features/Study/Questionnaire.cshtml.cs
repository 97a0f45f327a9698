using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>A questionnaire's versions, newest first, each with its ordered questions and whether a wave has frozen it.</summary>
[Authorize(Policy = Policies.StudyRead)]
public sealed class QuestionnaireModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public sealed record VersionRow(int Id, int Number, DateOnly? FrozenOn, IReadOnlyList<int> Waves, IReadOnlyList<StudyQuestion> Questions);

    public string Name { get; private set; } = "";
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        // A questionnaire is seen by those who see a cohort of its study.
        var scope = me.Scope;
        var questionnaire = await db.Questionnaires.AsNoTracking().Where(q => q.Id == id && db.CohortsIn(scope).Any(c => c.StudyId == q.StudyId))
            .Select(q => new { q.Name }).FirstOrDefaultAsync();
        if (questionnaire is null) return NotFound();
        Name = questionnaire.Name;
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == id).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.FrozenOn, Questions = v.Questions.OrderBy(q => q.Order).ToList() })
            .ToListAsync();
        var versionIds = versions.Select(v => v.Id).ToList();
        var waves = await db.StudyWaves.AsNoTracking().Where(w => versionIds.Contains(w.QuestionnaireVersionId))
            .Select(w => new { w.QuestionnaireVersionId, w.Number }).ToListAsync();
        Versions = versions.Select(v => new VersionRow(v.Id, v.Number, v.FrozenOn,
            waves.Where(w => w.QuestionnaireVersionId == v.Id).Select(w => w.Number).Distinct().Order().ToList(), v.Questions)).ToList();
        return Page();
    }
}
