using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>
/// A questionnaire's versions, newest first, each with its ordered questions and whether it is published (frozen).
/// A researcher or an administrator edits the draft (adds, changes, reorders and removes questions), publishes it,
/// and makes the next draft as a copy of the latest version. The context refuses any change to a frozen version's
/// questions; the page shows why.
/// </summary>
[Authorize(Policy = Policies.StudyRead)]
public sealed class QuestionnaireModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record VersionRow(int Id, int Number, DateOnly? FrozenOn, IReadOnlyList<int> Waves, IReadOnlyList<StudyQuestion> Questions);

    [BindProperty(SupportsGet = true, Name = "edit")]
    public int? EditId { get; set; }

    [BindProperty(SupportsGet = true, Name = "remove")]
    public int? RemoveId { get; set; }

    [BindProperty]
    public int? VersionId { get; set; }

    [BindProperty]
    public int? QuestionId { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? TextKm { get; set; }

    [BindProperty]
    public string? TextEn { get; set; }

    [BindProperty]
    public QuestionType? Type { get; set; }

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Options { get; set; }

    /// <summary>A move: -1 up, +1 down.</summary>
    [BindProperty]
    public int By { get; set; }

    /// <summary>The number of the latest version the page showed, when making the next draft.</summary>
    [BindProperty]
    public int? Latest { get; set; }

    public int Id { get; private set; }
    public int StudyId { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public bool MayDesign => me.IsInAnyRole(Roles.StudyDesigners);
    /// <summary>The draft being edited, if the latest version is not published yet.</summary>
    public VersionRow? Draft => Versions.Count > 0 && Versions[0].FrozenOn is null ? Versions[0] : null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Draft?.Questions.FirstOrDefault(q => q.Id == EditId) is { } q)
            (QuestionId, Code, TextKm, TextEn, Type, Unit, Options) = (q.Id, q.Code, q.TextKm, q.TextEn, q.Type, q.Unit, q.Options);
        else EditId = null;
        if (Draft?.Questions.All(x => x.Id != RemoveId) != false) RemoveId = null;
        return Page();
    }

    /// <summary>Adds a question at the end of the draft.</summary>
    public async Task<IActionResult> OnPostAddAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var version = await db.QuestionnaireVersions.Include(v => v.Questions).FirstOrDefaultAsync(v => v.Id == VersionId && v.QuestionnaireId == id);
        if (version is null) return NotFound();
        var question = new StudyQuestion { Order = version.Questions.Count == 0 ? 1 : version.Questions.Max(q => q.Order) + 1 };
        if (!await ReadAsync(question, version.Id)) return Refused();
        version.Questions.Add(question);
        return await SaveAsync(id);
    }

    /// <summary>Changes a question of the draft (its code, texts, type, unit or options).</summary>
    public async Task<IActionResult> OnPostChangeAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var question = await db.StudyQuestions.FirstOrDefaultAsync(q => q.Id == QuestionId && q.Version!.QuestionnaireId == id);
        if (question is null) return NotFound();
        EditId = question.Id;
        if (!await ReadAsync(question, question.VersionId)) return Refused();
        return await SaveAsync(id);
    }

    /// <summary>Moves a question of the draft one place up or down.</summary>
    public async Task<IActionResult> OnPostMoveAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var version = await VersionOfAsync(id);
        if (version is null) return NotFound();
        if (By is not (-1 or 1))
        {
            ModelState.AddModelError("", l["Validation.Invalid"]);
            return Refused();
        }
        version.Move(QuestionId!.Value, By);
        return await SaveAsync(id);
    }

    /// <summary>Removes a question of the draft (after the page asked to confirm).</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var version = await VersionOfAsync(id);
        if (version is null) return NotFound();
        var question = version.Questions.Single(q => q.Id == QuestionId);
        version.Remove(question);
        db.StudyQuestions.Remove(question);
        return await SaveAsync(id);
    }

    /// <summary>Makes the next draft as a copy of the latest version, which must be published.</summary>
    public async Task<IActionResult> OnPostNextDraftAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var latest = await db.QuestionnaireVersions.AsNoTracking().Include(v => v.Questions).Where(v => v.QuestionnaireId == id).OrderByDescending(v => v.Number).FirstOrDefaultAsync();
        if (latest is null || Latest != latest.Number)
        {
            ModelState.AddModelError("", l["Study.ChangedMeanwhilePage"]);
            return Refused();
        }
        if (!latest.IsFrozen)
        {
            ModelState.AddModelError("", l["Study.DraftExists"]);
            return Refused();
        }
        db.QuestionnaireVersions.Add(latest.NextDraft(me.UserName, clock.UtcNow));
        return await SaveAsync(id);
    }

    /// <summary>Publishes the draft: from then on a wave may ask it, and its questions never change.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var version = await db.QuestionnaireVersions.Include(v => v.Questions).FirstOrDefaultAsync(v => v.Id == VersionId && v.QuestionnaireId == id);
        if (version is null) return NotFound();
        if (version.Publish(clock.Today) is { } key)
        {
            ModelState.AddModelError("", l[key]);
            return Refused();
        }
        return await SaveAsync(id);
    }

    /// <summary>The version of the question posted, with its questions (tracked), if it belongs to this questionnaire.</summary>
    private async Task<QuestionnaireVersion?> VersionOfAsync(int id)
    {
        if (QuestionId is not { } questionId) return null;
        var versionId = await db.StudyQuestions.Where(q => q.Id == questionId && q.Version!.QuestionnaireId == id).Select(q => (int?)q.VersionId).FirstOrDefaultAsync();
        return versionId is null ? null : await db.QuestionnaireVersions.Include(v => v.Questions).FirstAsync(v => v.Id == versionId);
    }

    /// <summary>Copies the form onto the question (a unit only for a number, options only for a choice) and checks it; false with messages.</summary>
    private async Task<bool> ReadAsync(StudyQuestion question, int versionId)
    {
        var type = Type ?? QuestionType.Text;
        if (Type is null || !Enum.IsDefined(type)) ModelState.AddModelError(nameof(Type), l["Validation.Invalid"]);
        question.Code = Code?.Trim() ?? "";
        question.TextKm = TextKm?.Trim() ?? "";
        question.TextEn = TextEn?.Trim() ?? "";
        question.Type = type;
        question.Unit = type == QuestionType.Number && !string.IsNullOrWhiteSpace(Unit) ? Unit.Trim() : null;
        question.Options = type == QuestionType.Choice && !string.IsNullOrWhiteSpace(Options) ? Options.Replace("\r", "", StringComparison.Ordinal).Trim() : null;
        if (type != QuestionType.Number) (question.Min, question.Max) = (null, null);
        foreach (var (field, key) in question.Validate())
            ModelState.AddModelError(field, l[key]);
        if (ModelState.IsValid && await db.StudyQuestions.AnyAsync(q => q.VersionId == versionId && q.Code == question.Code && q.Id != question.Id))
            ModelState.AddModelError(nameof(Code), l["Study.CodeTaken"]);
        return ModelState.IsValid;
    }

    private async Task<IActionResult> SaveAsync(int id)
    {
        switch (await db.SaveOrRefuseAsync())
        {
            case SaveOutcome.Saved:
                TempData["Flash"] = l["Form.Saved"].Value;
                return RedirectToPage("/Study/Questionnaire", new { id });
            default:
                // The context refuses a change to a published (frozen) version's questions; anything else was a change meanwhile.
                db.ChangeTracker.Clear();
                ModelState.AddModelError("", l[QuestionId is { } q && await db.StudyQuestions.AnyAsync(x => x.Id == q && x.Version!.FrozenOn != null)
                    || VersionId is { } v && await db.QuestionnaireVersions.AnyAsync(x => x.Id == v && x.FrozenOn != null)
                    ? "Study.FrozenRefused" : "Study.ChangedMeanwhilePage"]);
                await LoadAsync(id);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    /// <summary>The form again with its messages, as 422: nothing was saved.</summary>
    private PageResult Refused()
    {
        db.ChangeTracker.Clear();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The questionnaire if the caller sees its study (a cohort of it in their scope, or no cohort yet), with its versions.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        var scope = me.Scope;
        var questionnaire = await db.Questionnaires.AsNoTracking()
            .Where(q => q.Id == id && (!q.Study!.Cohorts.Any() || db.CohortsIn(scope).Any(c => c.StudyId == q.StudyId)))
            .Select(q => new { q.Name, q.StudyId }).FirstOrDefaultAsync();
        if (questionnaire is null) return false;
        (Id, Name, StudyId) = (id, questionnaire.Name, questionnaire.StudyId);
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == id).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.FrozenOn, Questions = v.Questions.OrderBy(q => q.Order).ThenBy(q => q.Id).ToList() })
            .ToListAsync();
        var versionIds = versions.Select(v => v.Id).ToList();
        var waves = await db.StudyWaves.AsNoTracking().Where(w => versionIds.Contains(w.QuestionnaireVersionId))
            .Select(w => new { w.QuestionnaireVersionId, w.Number }).ToListAsync();
        Versions = versions.Select(v => new VersionRow(v.Id, v.Number, v.FrozenOn,
            waves.Where(w => w.QuestionnaireVersionId == v.Id).Select(w => w.Number).Distinct().Order().ToList(), v.Questions)).ToList();
        return true;
    }
}
