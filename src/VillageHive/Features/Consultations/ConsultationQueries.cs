using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Consultations;

/// <summary>Consultations, focus groups and case studies the caller may see (scope in SQL).</summary>
public static class ConsultationQueries
{
    public static IQueryable<Consultation> ConsultationsIn(this HiveDbContext db, Scope scope) =>
        db.Consultations.InScope(scope, c => c.Village!);

    public static IQueryable<FocusGroup> FocusGroupsIn(this HiveDbContext db, Scope scope) =>
        db.FocusGroups.Where(scope.ContainsCommune<FocusGroup>(f => f.Commune!));

    public static IQueryable<CaseStudy> CaseStudiesIn(this HiveDbContext db, Scope scope) =>
        db.CaseStudies.InScope(scope, s => s.Household!.Village!);

    public sealed record VersionOption(int Id, string Script, int Number);

    /// <summary>Every script's latest version (the ones a new consultation may use).</summary>
    public static Task<List<VersionOption>> LatestVersionsAsync(this HiveDbContext db) =>
        db.ScriptVersions.AsNoTracking()
            .Where(v => v.Number == db.ScriptVersions.Where(o => o.ScriptId == v.ScriptId).Max(o => o.Number))
            .OrderBy(v => v.Script!.Name)
            .Select(v => new VersionOption(v.Id, v.Script!.Name, v.Number)).ToListAsync();

    /// <summary>Parses "a, b" into distinct trimmed user names.</summary>
    public static List<string> Names(string? text) =>
        (text ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
