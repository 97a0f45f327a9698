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
/// One study: its questionnaires, and its cohorts in the caller's scope with their waves. A researcher or an
/// administrator adds a cohort (a commune's households from the day its Hive began) and a wave (a planned window
/// that overlaps no other wave of the study, asking a published questionnaire version).
/// </summary>
[Authorize(Policy = Policies.StudyRead)]
public sealed class StudyModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public int? CommuneId { get; set; }

    [BindProperty]
    public string? CohortName { get; set; }

    [BindProperty]
    public int? CohortId { get; set; }

    [BindProperty]
    public DateOnly? PlannedFrom { get; set; }

    [BindProperty]
    public DateOnly? PlannedTo { get; set; }

    [BindProperty]
    public int? VersionId { get; set; }

    public sealed record WaveRow(int Id, int Number, DateOnly From, DateOnly To, int VersionNumber, int Asked);

    public sealed record CohortRow(int Id, string Name, string CommuneKm, string CommuneEn, int HiveStartYear, int Members, IReadOnlyList<WaveRow> Waves);

    public sealed record Option(int Id, string Text);

    public int Id { get; private set; }
    public string NameKm { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string? Purpose { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Questionnaires { get; private set; } = [];
    public IReadOnlyList<CohortRow> Cohorts { get; private set; } = [];
    /// <summary>Communes in scope whose Hive has begun and that the study does not follow yet.</summary>
    public IReadOnlyList<Option> Communes { get; private set; } = [];
    /// <summary>The published versions of the study's questionnaires, which a new wave may ask.</summary>
    public IReadOnlyList<Option> Versions { get; private set; } = [];
    public bool MayDesign => me.IsInAnyRole(Roles.StudyDesigners);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Adds a cohort: every household on the commune's register, joined on the day its Hive began.</summary>
    public async Task<IActionResult> OnPostCohortAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var name = CohortName?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError(nameof(CohortName), l["Validation.Required"]);
        else if (name.Length > 200) ModelState.AddModelError(nameof(CohortName), l["Validation.TooLong"]);
        var scope = me.Scope;
        var commune = CommuneId is { } cid
            ? await db.Communes.AsNoTracking().Where(scope.CommunePredicate()).Where(c => c.Id == cid).Select(c => new { c.Id }).FirstOrDefaultAsync()
            : null;
        if (commune is null)
        {
            ModelState.AddModelError(nameof(CommuneId), l["Validation.Required"]);
            return Refused();
        }
        var hive = await db.Hives.AsNoTracking().FirstOrDefaultAsync(h => h.CommuneId == commune.Id);
        var start = hive is null ? null : StudyRules.HiveStart(hive);
        if (start is null) ModelState.AddModelError(nameof(CommuneId), l["Study.HiveNotBegun"]);
        else if (await db.StudyCohorts.AnyAsync(c => c.StudyId == id && c.CommuneId == commune.Id)) ModelState.AddModelError(nameof(CommuneId), l["Study.CohortExists"]);
        if (!ModelState.IsValid) return Refused();
        var households = await db.Households.AsNoTracking().Where(StudyRules.CohortHouseholds(commune.Id)).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync();
        if (households.Count == 0)
        {
            ModelState.AddModelError(nameof(CommuneId), l["Study.NoHouseholds"]);
            return Refused();
        }
        db.StudyCohorts.Add(new StudyCohort
        {
            StudyId = id,
            CommuneId = commune.Id,
            Name = name!,
            Rule = StudyRules.HiveStartRule,
            HiveStartYear = start!.Value.Year,
            Members = households.Select(h => new CohortMember { HouseholdId = h, JoinedOn = start.Value }).ToList(),
        });
        return await SaveAsync(id);
    }

    /// <summary>Adds the next wave of a cohort, with a participant (pending) for every household of the cohort.</summary>
    public async Task<IActionResult> OnPostWaveAsync(int id)
    {
        if (!MayDesign) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        var cohort = CohortId is { } c ? Cohorts.FirstOrDefault(x => x.Id == c) : null;
        if (cohort is null) ModelState.AddModelError(nameof(CohortId), l["Validation.Required"]);
        if (VersionId is not { } versionId || Versions.All(v => v.Id != versionId)) ModelState.AddModelError(nameof(VersionId), l["Study.VersionNotPublished"]);
        if (PlannedFrom is null) ModelState.AddModelError(nameof(PlannedFrom), l["Validation.Required"]);
        if (PlannedTo is null) ModelState.AddModelError(nameof(PlannedTo), l["Validation.Required"]);
        if (!ModelState.IsValid) return Refused();
        // The rule looks at every wave of the study, also those of cohorts outside the caller's scope.
        var others = await db.StudyWaves.AsNoTracking().Where(w => w.Cohort!.StudyId == id).Select(w => new { w.PlannedFrom, w.PlannedTo }).ToListAsync();
        foreach (var (field, key) in StudyRules.ValidateWindow(PlannedFrom!.Value, PlannedTo!.Value, others.Select(w => (w.PlannedFrom, w.PlannedTo))))
            ModelState.AddModelError(field, l[key]);
        if (!ModelState.IsValid) return Refused();
        var number = await db.StudyWaves.Where(w => w.CohortId == cohort!.Id).MaxAsync(w => (int?)w.Number) ?? 0;
        var members = await db.CohortMembers.AsNoTracking().Where(m => m.CohortId == cohort!.Id).Select(m => m.HouseholdId).ToListAsync();
        db.StudyWaves.Add(new StudyWave
        {
            CohortId = cohort!.Id,
            Number = number + 1,
            PlannedFrom = PlannedFrom.Value,
            PlannedTo = PlannedTo.Value,
            QuestionnaireVersionId = VersionId!.Value,
            Participants = members.Select(h => new WaveParticipant { HouseholdId = h }).ToList(),
        });
        return await SaveAsync(id);
    }

    private async Task<IActionResult> SaveAsync(int id)
    {
        if (await db.SaveOrRefuseAsync() == SaveOutcome.Saved)
        {
            TempData["Flash"] = l["Form.Saved"].Value;
            return RedirectToPage("/Study/Study", new { id });
        }
        db.ChangeTracker.Clear();
        ModelState.AddModelError("", l["Study.ChangedMeanwhilePage"]);
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(id);
        return Page();
    }

    /// <summary>The form again with its messages, as 422: nothing was saved.</summary>
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>
    /// The study if the caller sees it: a cohort of it is in their scope, or it has no cohort yet (a new study, which
    /// holds no household). Its cohorts are those in scope.
    /// </summary>
    private async Task<bool> LoadAsync(int id)
    {
        var scope = me.Scope;
        var study = await db.Studies.AsNoTracking()
            .Where(s => s.Id == id && (!s.Cohorts.Any() || db.CohortsIn(scope).Any(c => c.StudyId == s.Id)))
            .Select(s => new { s.NameKm, s.NameEn, s.Purpose, Questionnaires = s.Questionnaires.OrderBy(q => q.Id).Select(q => new { q.Id, q.Name }).ToList() })
            .FirstOrDefaultAsync();
        if (study is null) return false;
        (Id, NameKm, NameEn, Purpose) = (id, study.NameKm, study.NameEn, study.Purpose);
        Questionnaires = study.Questionnaires.Select(q => (q.Id, q.Name)).ToList();
        var cohorts = await db.CohortsIn(scope).AsNoTracking().Where(c => c.StudyId == id).OrderBy(c => c.HiveStartYear).ThenBy(c => c.Name)
            .Select(c => new
            {
                c.Id, c.Name, c.Commune!.NameKm, c.Commune.NameEn, c.HiveStartYear, Members = c.Members.Count,
                Waves = c.Waves.OrderBy(w => w.Number).Select(w => new WaveRow(w.Id, w.Number, w.PlannedFrom, w.PlannedTo, w.QuestionnaireVersion!.Number,
                    w.Participants.Count(p => p.Status != ParticipantStatus.Pending))).ToList(),
            })
            .ToListAsync();
        Cohorts = cohorts.Select(c => new CohortRow(c.Id, c.Name, c.NameKm, c.NameEn, c.HiveStartYear, c.Members, c.Waves)).ToList();
        if (MayDesign)
        {
            var communes = await db.Communes.AsNoTracking().Where(scope.CommunePredicate())
                .Where(c => !db.StudyCohorts.Any(x => x.StudyId == id && x.CommuneId == c.Id))
                .Where(c => db.Hives.Any(h => h.CommuneId == c.Id && (h.CoCreationFrom != null || h.OperatingFrom != null)))
                .OrderBy(c => c.Code).Select(c => new { c.Id, c.NameKm, c.NameEn }).ToListAsync();
            Communes = communes.Select(c => new Option(c.Id, Localisation.Name(c.NameKm, c.NameEn))).ToList();
            var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.Questionnaire!.StudyId == id && v.FrozenOn != null)
                .OrderBy(v => v.QuestionnaireId).ThenByDescending(v => v.Number).Select(v => new { v.Id, v.Questionnaire!.Name, v.Number }).ToListAsync();
            Versions = versions.Select(v => new Option(v.Id, $"{v.Name} · {l["Study.VersionOf", v.Number]}")).ToList();
        }
        return true;
    }
}
