using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services;

/// <summary>
/// The service directory. Services are public information about organisations (no family appears here), so
/// the list is not cut to the user's scope; the village filter offers the villages of the user's scope.
/// </summary>
[Authorize(Policy = Policies.ServiceDirectory)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "tier")] public Tier? Tier { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public ServiceCategory? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "village")] public int? VillageId { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public bool MayEdit { get; private set; }

    /// <summary>Service gaps is for those who report them; the button is not shown to others (it would lead to "Not allowed").</summary>
    public bool MayReportGaps { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public sealed record Row(int Id, string NameKm, string NameEn, Tier Tier, ServiceCategory Category, string Provider, string? Contact, string? Phone,
        string? Eligibility, int? Capacity, bool Active, int Villages);

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        MayEdit = me.IsInAnyRole(Roles.ServiceEditors);
        MayReportGaps = me.IsInAnyRole(Roles.GapReporters);
        Villages = await db.VillageOptionsAsync(me.Scope);
        var q = db.Services.AsNoTracking();
        if (!MayEdit) q = q.Where(s => s.Active);
        if (Tier is { } t) q = q.Where(s => s.Tier == t);
        if (Category is { } c) q = q.Where(s => s.Category == c);
        if (VillageId is { } v) q = q.Where(s => s.Coverage.Any(x => x.VillageId == v));
        var text = Query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Length > 100) text = text[..100];
            var lower = text.ToLowerInvariant();
            q = q.Where(s => s.NameKm.Contains(text) || s.NameEn.ToLower().Contains(lower) || s.Provider!.Name.ToLower().Contains(lower));
        }
        var total = await q.CountAsync();
        Rows = await q.OrderBy(s => s.Tier).ThenBy(s => s.Category).ThenBy(s => s.NameEn).ThenBy(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new Row(s.Id, s.NameKm, s.NameEn, s.Tier, s.Category, s.Provider!.Name, s.Provider.ContactName, s.Provider.Phone,
                s.Eligibility, s.Capacity, s.Active, s.Coverage.Count))
            .ToListAsync();
        Pager = new Pager(PageNumber, PageSize, total,
            n => Url.Page("Index", new { tier = Tier, category = Category, village = VillageId, q = Query, p = n })!);
    }
}
