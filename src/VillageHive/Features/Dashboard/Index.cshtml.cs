using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Dashboard;

/// <summary>
/// Figures for a village, a commune or the district, always inside the user's scope: by default the whole scope,
/// or one area of it chosen with <c>level</c> and <c>area</c> (an area outside the scope is a 404).
/// </summary>
[Authorize(Policy = Policies.Dashboard)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public sealed record AreaOption(ScopeLevel Level, int Id, string NameKm, string NameEn)
    {
        public string Key => $"{Level}:{Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];
    public AreaOption? Selected { get; private set; }
    public int? Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public List<DashboardQueries.ReferralMonth> Referrals { get; private set; } = [];
    public List<DashboardQueries.TierRiskCount> OpenCases { get; private set; } = [];
    public List<DashboardQueries.TierMove> TierMoves { get; private set; } = [];
    public DashboardQueries.Overdue Overdue { get; private set; } = null!;
    public DashboardQueries.BeforeAfter Outcomes { get; private set; } = null!;
    public DashboardQueries.ProgrammesAndSupport Programmes { get; private set; } = null!;
    public List<DashboardQueries.CategoryCount> Services { get; private set; } = [];
    public List<DashboardQueries.AttendanceMonth> Attendance { get; private set; } = [];
    /// <summary>The calendar year the budget block covers: the chosen year, or this year for the last twelve months.</summary>
    public int BudgetYear { get; private set; }
    public List<DashboardQueries.BudgetLine> Budget { get; private set; } = [];
    /// <summary>Where children live on the period's last day (today for the last twelve months), and reintegrations in <see cref="BudgetYear"/>.</summary>
    public DashboardQueries.CareFigures Care { get; private set; } = null!;

    /// <param name="area">"Villages:12", "Communes:3" or "District:1"; empty for the whole scope.</param>
    /// <param name="year">A calendar year; empty for the last twelve months.</param>
    public async Task<IActionResult> OnGetAsync(string? area, int? year)
    {
        var today = clock.Today;
        Areas = await AreasAsync();
        var scope = me.Scope;
        if (!string.IsNullOrEmpty(area))
        {
            Selected = Areas.FirstOrDefault(a => a.Key == area);
            if (Selected is null) return NotFound();
            scope = new Scope(Selected.Level, [Selected.Id]);
        }
        Years = Enumerable.Range(2022, Math.Max(1, today.Year - 2021)).Reverse().ToList();
        if (year is { } y && Years.Contains(y))
        {
            Year = y;
            From = new DateOnly(y, 1, 1);
            To = From.AddYears(1);
        }
        else
        {
            // The last twelve months, this one included.
            To = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
            From = To.AddYears(-1);
        }
        var from = clock.StartOfDayUtc(From);
        var to = clock.StartOfDayUtc(To);
        Referrals = await DashboardQueries.ReferralsPerMonthAsync(db, scope, From, To, clock);
        OpenCases = await DashboardQueries.OpenCasesByTierAndRiskAsync(db, scope);
        TierMoves = await DashboardQueries.TierMovesAsync(db, scope, From, To);
        Overdue = await DashboardQueries.OverdueAsync(db, scope, today);
        Outcomes = await DashboardQueries.OutcomesBeforeAfterAsync(db, scope, from, to);
        Programmes = await DashboardQueries.ProgrammesAndSupportAsync(db, scope, From, To);
        Services = await DashboardQueries.ServicesByCategoryAsync(db, scope, From, To, clock);
        Attendance = await DashboardQueries.AttendancePerMonthAsync(db, scope, From, To);
        BudgetYear = Year ?? today.Year;
        Budget = await DashboardQueries.SupportAgainstBudgetAsync(db, scope, BudgetYear);
        Care = await DashboardQueries.CareAsync(db, scope, To.AddDays(-1) < today ? To.AddDays(-1) : today, BudgetYear);
        return Page();
    }

    /// <summary>The villages, communes and districts the user may choose: only those wholly inside their scope.</summary>
    private async Task<IReadOnlyList<AreaOption>> AreasAsync()
    {
        var scope = me.Scope;
        var list = new List<AreaOption>();
        if (scope.Level == ScopeLevel.District)
        {
            var ids = scope.AreaIds.ToArray();
            list.AddRange(await db.Districts.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Code)
                .Select(d => new AreaOption(ScopeLevel.District, d.Id, d.NameKm, d.NameEn)).ToListAsync());
        }
        if (scope.Level >= ScopeLevel.Communes)
        {
            list.AddRange(await db.Communes.AsNoTracking().Where(scope.CommunePredicate()).OrderBy(c => c.Code)
                .Select(c => new AreaOption(ScopeLevel.Communes, c.Id, c.NameKm, c.NameEn)).ToListAsync());
        }
        list.AddRange(await db.Villages.AsNoTracking().Where(scope.VillagePredicate()).OrderBy(v => v.Code)
            .Select(v => new AreaOption(ScopeLevel.Villages, v.Id, v.NameKm, v.NameEn)).ToListAsync());
        return list;
    }

    public int OpenCount(Tier tier, Priority risk) => OpenCases.Where(c => c.Tier == tier && c.Risk == risk).Sum(c => c.Count);

    /// <summary>Reviews in a month that moved a case down (toward universal) or up the tiers.</summary>
    public (int Down, int Up) MovesIn(int year, int month) =>
        (TierMoves.Where(m => m.Year == year && m.Month == month && m.To < m.From).Sum(m => m.Count),
         TierMoves.Where(m => m.Year == year && m.Month == month && m.To > m.From).Sum(m => m.Count));

    public static string Usd(double? cents) => cents is { } c ? (c / 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string One(double? value) => value is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
