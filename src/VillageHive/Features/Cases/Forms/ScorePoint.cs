using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Cases.Forms;

/// <summary>One form 2 scoring's totals, for the chart on the case page and the advice on the closure page.</summary>
public sealed record ScorePoint(DateOnly On, int Child, int Family)
{
    public int Total => Child + Family;

    /// <summary>The case's scorings, oldest first, totalled in SQL: one query.</summary>
    public static Task<List<ScorePoint>> ForCaseAsync(HiveDbContext db, int caseId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var child = WellbeingDomains.Child.ToList();
        return db.WellbeingScorings.AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.ScoredOn).ThenBy(s => s.Id)
            .Select(s => new ScorePoint(s.ScoredOn,
                s.Scores.Where(x => child.Contains(x.Domain)).Sum(x => x.Score),
                s.Scores.Where(x => !child.Contains(x.Domain)).Sum(x => x.Score)))
            .ToListAsync();
    }
}
