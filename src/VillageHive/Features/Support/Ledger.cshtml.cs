using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support;

/// <summary>
/// The support ledger: a commune's budget for the year against what is committed (approved, not paid) and spent (paid),
/// per currency; or, with <c>?householdId=</c>, every request of one household with its totals.
/// </summary>
[Authorize(Policy = Policies.SupportLedger)]
public sealed class LedgerModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "commune")] public int? CommuneId { get; set; }
    [BindProperty(SupportsGet = true, Name = "year")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "householdId")] public int? HouseholdId { get; set; }

    public IReadOnlyList<(int Id, string NameKm, string NameEn)> Communes { get; private set; } = [];
    public IReadOnlyList<LedgerLine> Lines { get; private set; } = [];
    /// <summary>The kinds of support with a budget line of their own, each against what was committed and spent on it.</summary>
    public IReadOnlyList<LedgerLine> Kinds { get; private set; } = [];
    public IReadOnlyList<HouseholdRow> HouseholdRows { get; private set; } = [];
    public string? HouseholdHead { get; private set; }

    public sealed record HouseholdRow(int Id, int CaseId, SupportItem Item, Currency Currency, long AmountMinor, SupportStatus Status, DateTime RequestedAt, DateOnly? DisbursedOn);

    public async Task<IActionResult> OnGetAsync()
    {
        if (HouseholdId is { } hid) return await HouseholdAsync(hid);
        var year = Year ?? clock.Today.Year;
        if (year is < 2000 or > 2100) year = clock.Today.Year;
        Year = year;
        var communes = await db.Communes.AsNoTracking().Where(me.Scope.CommunePredicate()).OrderBy(c => c.Code)
            .Select(c => new { c.Id, c.NameKm, c.NameEn }).ToListAsync();
        Communes = communes.Select(c => (c.Id, c.NameKm, c.NameEn)).ToList();
        if (CommuneId is { } cid && communes.All(c => c.Id != cid)) return NotFound();
        CommuneId ??= communes.FirstOrDefault()?.Id;
        if (CommuneId is { } commune) (Lines, Kinds) = await db.CommuneLedgerAsync(commune, year);
        return Page();
    }

    private async Task<IActionResult> HouseholdAsync(int householdId)
    {
        var head = await db.HouseholdsIn(me.Scope).AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { Head = Household.Shown(h.HeadNameKm) })
            .FirstOrDefaultAsync();
        if (head is null) return NotFound();
        HouseholdHead = head.Head ?? "#" + householdId;
        HouseholdRows = await db.MaterialSupportRequests.AsNoTracking().Where(r => r.HouseholdId == householdId)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(500)
            .Select(r => new HouseholdRow(r.Id, r.CaseId, r.Item, r.Currency, r.AmountMinor, r.Status, r.RequestedAt, r.DisbursedOn))
            .ToListAsync();
        // A household's few rows: totals from the rows shown, per currency.
        Lines = Enum.GetValues<Currency>().Select(c => new LedgerLine(c, 0,
                HouseholdRows.Where(r => r.Currency == c && r.Status == SupportStatus.Approved).Sum(r => r.AmountMinor),
                HouseholdRows.Where(r => r.Currency == c && r.Status == SupportStatus.Disbursed).Sum(r => r.AmountMinor)))
            .ToList();
        return Page();
    }
}
