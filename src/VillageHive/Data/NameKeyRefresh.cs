using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data;

/// <summary>
/// Recomputes <see cref="Person.SearchName"/> where it was made by other name rules than the app's
/// (<see cref="NameSearch.KeyMarker"/> missing): rows from before the sound keys, or from before a change to
/// Domain/NameRules.tsv. Run after each migration, so once per upgrade; in batches, without touching Version or the
/// audit trail (the names themselves do not change).
/// </summary>
public static class NameKeyRefresh
{
    private const int Batch = 1000;

    public static async Task<int> RunAsync(HiveDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var marker = NameSearch.KeyMarker;
        var done = 0;
        var lastId = 0;
        while (true)
        {
            var rows = await db.Persons.AsNoTracking()
                .Where(p => p.Id > lastId && !p.SearchName.Contains(marker))
                .OrderBy(p => p.Id).Take(Batch)
                .Select(p => new { p.Id, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin })
                .ToListAsync();
            if (rows.Count == 0) return done;
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                foreach (var r in rows)
                {
                    var text = NameSearch.SearchText(r.FamilyNameKm, r.GivenNameKm, r.FamilyNameLatin, r.GivenNameLatin);
                    await db.Persons.Where(p => p.Id == r.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.SearchName, text));
                }
                await tx.CommitAsync();
            }
            done += rows.Count;
            lastId = rows[^1].Id;
        }
    }
}
