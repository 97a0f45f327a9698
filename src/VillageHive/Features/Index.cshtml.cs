using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features;

/// <summary>Home: the user's Hive(s) and what they can do.</summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me) : PageModel
{
    public IReadOnlyList<HiveRow> Hives { get; private set; } = [];

    public sealed record HiveRow(string NameKm, string NameEn, HiveStatus Status, int Villages, int? PlannedYear);

    public async Task OnGetAsync()
    {
        Hives = await db.Communes.AsNoTracking()
            .Where(me.Scope.CommunePredicate())
            .OrderBy(c => c.Code)
            .Select(c => new HiveRow(c.NameKm, c.NameEn, c.Hive != null ? c.Hive.Status : HiveStatus.Planned, c.Villages.Count, c.Hive != null ? c.Hive.PlannedYear : null))
            .ToListAsync();
    }
}
