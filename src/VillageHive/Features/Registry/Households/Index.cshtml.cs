using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Registry.Households;

public sealed class IndexModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "village")]
    public int? VillageId { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    /// <summary>The search stopped at <see cref="RegistryQueries.SearchLimit"/> people: the list shows their households only.</summary>
    public bool MoreMatches { get; private set; }

    public sealed record Row(int Id, string VillageKm, string VillageEn, string? HeadKm, string? HeadLatin, int Members, IdPoorStatus IdPoor, string? Phone);

    public async Task OnGetAsync()
    {
        if (Query is { Length: > 100 }) Query = Query[..100];
        PageNumber = Pager.Clamp(PageNumber);
        var scope = me.Scope;
        Villages = await db.VillageOptionsAsync(scope);
        // The scope as the list of its villages (just read for the filter, in scope by the same rule as HouseholdsIn):
        // "VillageId IN (...)" lets the count of a district's 20,000 households be an index-only scan of
        // (VillageId, HeadNameKm, Id) instead of a join of every household with its village and commune
        // (docs/scaling.md).
        var villageIds = Villages.Select(v => v.Id).ToList();
        var households = db.Households.AsNoTracking().Where(h => villageIds.Contains(h.VillageId));
        if (VillageId is { } v) households = households.Where(h => h.VillageId == v);
        int total;
        if (await households.SearchAsync(db, Query, narrow: scope.Level == ScopeLevel.Villages || VillageId is not null) is { } hits)
        {
            var ids = hits.HouseholdIds;
            households = households.Where(h => ids.Contains(h.Id));
            total = ids.Count;
            MoreMatches = hits.More;
        }
        else
        {
            total = await households.CountAsync();
        }
        var rows = households.Select(h => new
        {
            h.Id,
            VillageCode = h.Village!.Code,
            VillageKm = h.Village.NameKm,
            VillageEn = h.Village.NameEn,
            // Kept on the household by a trigger (Data/DerivedSchema.cs): sorting by it is an index walk, not a lookup per household.
            h.HeadNameKm,
            h.HeadNameLatin,
            Members = h.Members.Count,
            h.IdPoor,
            h.Phone,
            h.CreatedAt,
        });
        rows = Sort switch
        {
            "village" => rows.OrderBy(r => r.VillageCode).ThenBy(r => r.Id),
            "newest" => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            "size" => rows.OrderByDescending(r => r.Members).ThenBy(r => r.Id),
            _ => rows.OrderBy(r => r.HeadNameKm).ThenBy(r => r.Id),
        };
        var page = await rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Rows = page.Select(r => new Row(r.Id, r.VillageKm, r.VillageEn,
            Household.Shown(r.HeadNameKm),
            r.HeadNameKm.Length == 0 ? null : r.HeadNameLatin,
            r.Members, r.IdPoor, r.Phone)).ToList();
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("Index", new { q = Query, village = VillageId, sort = Sort, p })!);
    }
}
