using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Study;

/// <summary>The longitudinal studies: their cohorts (a commune's households at its Hive's start) and waves with attrition, in the caller's scope.</summary>
[Authorize(Policy = Policies.StudyRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public sealed record WaveRow(int Id, int Number, DateOnly From, DateOnly To, int VersionNumber, StudyQueries.WaveCounts Counts);

    public sealed record CohortRow(int Id, string Name, string CommuneKm, string CommuneEn, int HiveStartYear, string Rule, int Members, IReadOnlyList<WaveRow> Waves);

    public sealed record StudyRow(int Id, string NameKm, string NameEn, string? Purpose, IReadOnlyList<(int Id, string Name)> Questionnaires, IReadOnlyList<CohortRow> Cohorts);

    public IReadOnlyList<StudyRow> Studies { get; private set; } = [];
    public bool MayDesign => me.IsInAnyRole(Roles.StudyDesigners);

    public async Task OnGetAsync()
    {
        var scope = me.Scope;
        var cohorts = await db.CohortsIn(scope).AsNoTracking().OrderBy(c => c.HiveStartYear).ThenBy(c => c.Name)
            .Select(c => new
            {
                c.Id, c.StudyId, c.Name, c.Commune!.NameKm, c.Commune.NameEn, c.HiveStartYear, c.Rule,
                Waves = c.Waves.OrderBy(w => w.Number).Select(w => new { w.Id, w.Number, w.PlannedFrom, w.PlannedTo, VersionNumber = w.QuestionnaireVersion!.Number }).ToList(),
            })
            .ToListAsync();
        var cohortIds = cohorts.Select(c => c.Id).ToList();
        var members = await db.CohortMembers.AsNoTracking().InScope(scope, m => m.Household!.Village!).Where(m => cohortIds.Contains(m.CohortId))
            .GroupBy(m => m.CohortId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var counts = await StudyQueries.CountsAsync(db, scope, cohorts.SelectMany(c => c.Waves.Select(w => w.Id)).ToList());
        var studyIds = cohorts.Select(c => c.StudyId).Distinct().ToList();
        // A study without a cohort yet holds no household: everyone who reads studies sees it.
        var studies = await db.Studies.AsNoTracking().Where(s => studyIds.Contains(s.Id) || !s.Cohorts.Any()).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.NameKm, s.NameEn, s.Purpose, Questionnaires = s.Questionnaires.OrderBy(q => q.Id).Select(q => new { q.Id, q.Name }).ToList() })
            .ToListAsync();
        Studies = studies.Select(s => new StudyRow(s.Id, s.NameKm, s.NameEn, s.Purpose, s.Questionnaires.Select(q => (q.Id, q.Name)).ToList(),
            cohorts.Where(c => c.StudyId == s.Id).Select(c => new CohortRow(c.Id, c.Name, c.NameKm, c.NameEn, c.HiveStartYear, c.Rule, members.GetValueOrDefault(c.Id),
                c.Waves.Select(w => new WaveRow(w.Id, w.Number, w.PlannedFrom, w.PlannedTo, w.VersionNumber, counts.GetValueOrDefault(w.Id, StudyQueries.WaveCounts.Empty))).ToList())).ToList()))
            .ToList();
    }
}
