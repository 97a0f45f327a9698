using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Budgets;

/// <summary>The communes of the administrator's area by name, each with its budget lines for one year.</summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CommuneRow> Communes { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    /// <summary>A commune whose Hive does not run yet approves no support: a missing budget matters only once it does.</summary>
    public sealed record CommuneRow(int Id, string Code, string NameKm, string NameEn, bool HiveRuns, IReadOnlyList<BudgetRow> Budgets);

    public sealed record BudgetRow(int Id, SupportItem? Item, Currency Currency, long AmountMinor, string SetBy, DateTime SetAt);

    public async Task OnGetAsync()
    {
        var year = Year is { } y && BudgetRules.YearAllowed(y) ? y : clock.Today.Year;
        Year = year;
        PageNumber = Pager.Clamp(PageNumber);
        var communes = db.Communes.AsNoTracking().Where(me.Scope.CommunePredicate());
        var total = await communes.CountAsync();
        var byName = Localisation.IsKhmer ? communes.OrderBy(c => c.NameKm) : communes.OrderBy(c => c.NameEn);
        Communes = await byName.ThenBy(c => c.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new CommuneRow(c.Id, c.Code, c.NameKm, c.NameEn, c.Hive != null && c.Hive.Status != HiveStatus.Planned,
                db.CommuneBudgets.Where(b => b.CommuneId == c.Id && b.Year == year)
                    // The line for any kind first, on both databases (they sort NULL differently).
                    .OrderBy(b => b.Currency).ThenBy(b => b.Item != null).ThenBy(b => b.Item)
                    .Select(b => new BudgetRow(b.Id, b.Item, b.Currency, b.AmountMinor, b.SetBy, b.SetAt))
                    .ToList()))
            .ToListAsync();
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("Index", new { year, p })!);
    }
}
