using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Consultations;
using VillageHive.Features.Dashboard;
using VillageHive.Features.Workforce;

namespace VillageHive.Features.Reports;

/// <summary>Everything a commune's annual impact report shows, loaded with the dashboard's queries for one commune and year.</summary>
public sealed record ImpactReport(
    int CommuneId,
    string CommuneKm,
    string CommuneEn,
    int Year,
    HiveStatus? HiveStatus,
    DateOnly? CoCreationFrom,
    DateOnly? OperatingFrom,
    DateOnly? HandedOverOn,
    int Referrals,
    IReadOnlyList<DashboardQueries.TierRiskCount> CasesOpened,
    DashboardQueries.Closures Closures,
    DashboardQueries.BeforeAfter Outcomes,
    DashboardQueries.ProgrammesAndSupport Programmes,
    IReadOnlyList<ImpactReport.Story> Stories,
    DashboardQueries.CareFigures Care,
    WorkforceReport Workforce)
{
    public sealed record Story(int Id, string Title, string Text);

    /// <summary>The longitudinal study's waves of the commune's cohorts to the end of the year: attrition and the answers' summary.</summary>
    public Study.StudyQueries.ReportSection Longitudinal { get; init; } = new([], []);

    /// <summary>The village consultations held and focus groups of the year.</summary>
    public ConsultationQueries.ReportSection Consultations { get; init; } = ConsultationQueries.ReportSection.Empty;

    public int CasesOpenedTotal => CasesOpened.Sum(c => c.Count);
    public int HighRiskCases => CasesOpened.Where(c => c.Risk == Priority.High).Sum(c => c.Count);
    public int CasesIn(Tier tier) => CasesOpened.Where(c => c.Tier == tier).Sum(c => c.Count);

    /// <summary>The report of a commune in the given scope, or null when the commune is not there (a 404).</summary>
    public static async Task<ImpactReport?> LoadAsync(HiveDbContext db, Scope scope, int communeId, int year, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (year is < 2000 or > 2100) return null;
        // Only a commune wholly inside the scope: a Village social worker's villages are not the commune's report.
        if (scope.Level == ScopeLevel.Villages) return null;
        var commune = await db.Communes.AsNoTracking().Where(scope.CommunePredicate()).Where(c => c.Id == communeId)
            .Select(c => new
            {
                c.Id, c.NameKm, c.NameEn,
                Status = c.Hive == null ? (HiveStatus?)null : c.Hive.Status,
                CoCreation = c.Hive == null ? null : c.Hive.CoCreationFrom,
                Operating = c.Hive == null ? null : c.Hive.OperatingFrom,
                HandedOver = c.Hive == null ? null : c.Hive.HandedOverOn,
            })
            .FirstOrDefaultAsync();
        if (commune is null) return null;
        var area = new Scope(ScopeLevel.Communes, [communeId]);
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var fromAt = clock.StartOfDayUtc(from);
        var toAt = clock.StartOfDayUtc(to);
        var stories = await StoriesFor(db, area)
            .Where(s => s.SelectedForYear == year)
            .OrderBy(s => s.Id)
            .Select(s => new Story(s.Id, s.Title, s.Text))
            .ToListAsync();
        return new ImpactReport(commune.Id, commune.NameKm, commune.NameEn, year, commune.Status, commune.CoCreation, commune.Operating, commune.HandedOver,
            await DashboardQueries.ReferralCountAsync(db, area, fromAt, toAt),
            await DashboardQueries.CasesOpenedByTierAndRiskAsync(db, area, fromAt, toAt),
            await DashboardQueries.ClosuresAsync(db, area, from, to),
            await DashboardQueries.OutcomesBeforeAfterAsync(db, area, fromAt, toAt),
            await DashboardQueries.ProgrammesAndSupportAsync(db, area, from, to),
            stories,
            // Where children live at the end of the year (today, for the year under way).
            await DashboardQueries.CareAsync(db, area, to.AddDays(-1) < clock.Today ? to.AddDays(-1) : clock.Today, year),
            await WorkforceReport.LoadAsync(db, communeId, year, to.AddDays(-1) < clock.Today ? to.AddDays(-1) : clock.Today, clock))
        {
            Longitudinal = await Study.StudyQueries.ReportAsync(db, area, year),
            Consultations = await ConsultationQueries.ReportAsync(db, area, year),
        };
    }

    /// <summary>Stories of cases in the area whose household's latest answer on anonymous use in reports is yes.</summary>
    public static IQueryable<CaseStory> StoriesFor(HiveDbContext db, Scope area)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CaseStories.Where(area.Contains<CaseStory>(s => s.Case!.Village!))
            .Where(s => db.ConsentRecords
                .Where(c => c.HouseholdId == s.Case!.HouseholdId && c.PersonId == null && c.Use == ConsentUse.Reports)
                .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
                .Select(c => (bool?)c.Given).FirstOrDefault() == true);
    }
}
