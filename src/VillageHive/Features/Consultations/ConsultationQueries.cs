using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Workforce;

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

    /// <summary>
    /// One commune's or village's roll-up of held consultations: how many, the last day, how often each theme was heard
    /// (most first), the kinds of service said to be needed, and those of them no active service covers (in any of its villages where heard).
    /// </summary>
    public sealed record Area(int Id, string NameKm, string NameEn, int Consultations, DateOnly? Last,
        IReadOnlyList<(Themes Theme, int Count)> Themes, IReadOnlyList<(ServiceCategory Category, int Count)> Needs,
        IReadOnlyList<ServiceCategory> Uncovered);

    public sealed record RollUp(IReadOnlyList<Area> Communes, IReadOnlyList<Area> Villages);

    /// <summary>
    /// What the given consultations heard, per commune and per village: the one home of the roll-up the summary page and
    /// the commune report show. Only held consultations count; the rows are read in SQL (the caller filters scope and dates).
    /// </summary>
    public static async Task<RollUp> RollUpAsync(HiveDbContext db, IQueryable<Consultation> consultations)
    {
        ArgumentNullException.ThrowIfNull(db);
        var held = consultations.AsNoTracking().Where(c => c.Status == ConsultationStatus.Held);
        var rows = await held
            .Select(c => new { c.Id, c.VillageId, c.HeldOn, c.Village!.CommuneId, c.Village.Code, VKm = c.Village.NameKm, VEn = c.Village.NameEn, CKm = c.Village.Commune!.NameKm, CEn = c.Village.Commune.NameEn })
            .ToListAsync();
        var entries = await db.ConsultationEntries.AsNoTracking().Where(e => held.Select(c => c.Id).Contains(e.ConsultationId))
            .Select(e => new { e.ConsultationId, e.Themes, e.ServiceNeeded, e.Column }).ToListAsync();
        var villageIds = rows.Select(r => r.VillageId).Distinct().ToArray();
        var coverage = await db.ServiceCoverage.AsNoTracking().Where(c => villageIds.Contains(c.VillageId))
            .Join(db.Services.Where(s => s.Active), c => c.ServiceId, s => s.Id, (c, s) => new { c.VillageId, s.Category }).Distinct().ToListAsync();

        Area Roll(int id, string km, string en, IReadOnlyCollection<int> ids)
        {
            var mine = entries.Where(e => ids.Contains(e.ConsultationId)).ToList();
            var heard = mine.Where(e => e.Column == ConsultationColumn.NeedsToHappen && e.ServiceNeeded is not null).ToList();
            var needs = heard.GroupBy(e => e.ServiceNeeded!.Value).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key).ToList();
            var villageOf = rows.Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id, r => r.VillageId);
            var uncovered = heard.Where(e => !coverage.Any(c => c.VillageId == villageOf[e.ConsultationId] && c.Category == e.ServiceNeeded))
                .Select(e => e.ServiceNeeded!.Value).Distinct().Order().ToList();
            return new Area(id, km, en, ids.Count, rows.Where(c => ids.Contains(c.Id)).Max(c => c.HeldOn),
                ThemeList.RollUp(mine.Select(e => e.Themes)), needs, uncovered);
        }

        return new RollUp(
            rows.GroupBy(c => new { c.CommuneId, c.CKm, c.CEn }).OrderBy(g => g.Key.CEn)
                .Select(g => Roll(g.Key.CommuneId, g.Key.CKm, g.Key.CEn, g.Select(c => c.Id).ToList())).ToList(),
            rows.GroupBy(c => new { c.VillageId, c.Code, c.VKm, c.VEn }).OrderBy(g => g.Key.Code)
                .Select(g => Roll(g.Key.VillageId, g.Key.VKm, g.Key.VEn, g.Select(c => c.Id).ToList())).ToList());
    }

    /// <summary>A commune report's consultations and focus groups of one year: never a name, only counts and themes.</summary>
    public sealed record ReportSection(RollUp Heard, int FocusGroups, IReadOnlyList<(ParticipantGroup Group, int Women, int Men)> FocusGroupParticipants)
    {
        public static readonly ReportSection Empty = new(new RollUp([], []), 0, []);
    }

    /// <summary>The consultations held and focus groups of the year in the area (read in SQL within it).</summary>
    public static async Task<ReportSection> ReportAsync(HiveDbContext db, Scope area, int year)
    {
        ArgumentNullException.ThrowIfNull(db);
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var heard = await RollUpAsync(db, db.ConsultationsIn(area).Where(c => c.HeldOn >= from && c.HeldOn < to));
        var groups = db.FocusGroupsIn(area).Where(f => f.HeldOn >= from && f.HeldOn < to);
        var count = await groups.CountAsync();
        var people = await db.FocusGroupParticipants.AsNoTracking().Where(p => groups.Select(f => f.Id).Contains(p.FocusGroupId))
            .GroupBy(p => new { p.Group, p.Sex }).Select(g => new { g.Key.Group, g.Key.Sex, N = g.Sum(p => p.Count) }).ToListAsync();
        var byGroup = people.GroupBy(p => p.Group).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Where(p => p.Sex == Sex.Female).Sum(p => p.N), g.Where(p => p.Sex == Sex.Male).Sum(p => p.N))).ToList();
        return new ReportSection(heard, count, byGroup);
    }

    public sealed record VersionOption(int Id, string Script, int Number);

    /// <summary>Every script's latest version (the ones a new consultation may use).</summary>
    public static Task<List<VersionOption>> LatestVersionsAsync(this HiveDbContext db) =>
        db.ScriptVersions.AsNoTracking()
            .Where(v => v.Number == db.ScriptVersions.Where(o => o.ScriptId == v.ScriptId).Max(o => o.Number))
            .OrderBy(v => v.Script!.Name)
            .Select(v => new VersionOption(v.Id, v.Script!.Name, v.Number)).ToListAsync();

    /// <summary>Who may facilitate in a commune: the active staff whose area reaches into it.</summary>
    public static async Task<List<WorkforceQueries.Worker>> FacilitatorsOfAsync(HiveDbContext db, int communeId) =>
        (await WorkforceQueries.WorkersOfAsync(db, communeId)).Where(w => w.Active).ToList();

    /// <summary>The display names of the given user names; a name that is no account (typed on an older record) is not in it.</summary>
    public static async Task<Dictionary<string, string>> DisplayNamesAsync(HiveDbContext db, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (names.Count == 0) return [];
        var list = names.ToArray();
        var found = await db.Users.AsNoTracking().Where(u => list.Contains(u.UserName!)).Select(u => new { u.UserName, u.DisplayName }).ToListAsync();
        return names.ToDictionary(n => n, n => found.FirstOrDefault(f => f.UserName == n) is { } u && u.DisplayName.Length > 0 ? u.DisplayName : n);
    }

    /// <summary>"a, b" as display names (a typed name as it was typed).</summary>
    public static async Task<string> ShownAsync(HiveDbContext db, string? facilitators)
    {
        var names = Names(facilitators);
        var shown = await DisplayNamesAsync(db, names);
        return string.Join(", ", names.Select(n => shown[n]));
    }

    /// <summary>Parses "a, b" into distinct trimmed user names.</summary>
    public static List<string> Names(string? text) =>
        (text ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
