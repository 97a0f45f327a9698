using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VillageHive.Domain;

namespace VillageHive.Data.Import;

/// <summary>A gazetteer file's preview, or the account of its import.</summary>
public sealed record GazetteerReport(IReadOnlyList<GazetteerPlan> Plan, IReadOnlyList<ImportError> Errors, bool Saved)
{
    /// <summary>The places the import changes (new, renamed, gone) and those it keeps though the file dropped them.</summary>
    public IEnumerable<GazetteerPlan> Changes => Plan.Where(p => p.Change is not (GazetteerChange.Unchanged or GazetteerChange.Outside));
}

/// <summary>
/// Imports a gazetteer sheet (<see cref="GazetteerRules"/>): a preview of what is new, renamed or gone, then all of it in
/// one transaction, nothing when a row has an error. Shared by /Admin/Geography/Import and `import gazetteer`.
/// </summary>
public sealed class GazetteerImporter(HiveDbContext db)
{
    private static readonly Type[] PlaceTypes = [typeof(Province), typeof(District), typeof(Commune), typeof(Village)];

    public async Task<GazetteerReport> RunAsync(ImportSheet sheet, bool save, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var (rows, errors) = GazetteerRules.Read(sheet.Headers, sheet.Rows);
        if (errors.Count > 0) return new GazetteerReport([], errors, Saved: false);

        var provinces = await db.Provinces.ToListAsync(ct);
        var districts = await db.Districts.ToListAsync(ct);
        var communes = await db.Communes.ToListAsync(ct);
        var villages = await db.Villages.ToListAsync(ct);
        var used = await PlacesInUseAsync(ct);
        var places = provinces.Select(p => Known(p, p.Code, used[typeof(Province)].Contains(p.Id)))
            .Concat(districts.Select(d => Known(d, d.Code, used[typeof(District)].Contains(d.Id))))
            .Concat(communes.Select(c => Known(c, c.Code, used[typeof(Commune)].Contains(c.Id))))
            .Concat(villages.Select(v => Known(v, v.Code, used[typeof(Village)].Contains(v.Id))))
            .ToList();
        var plan = GazetteerRules.Compare(rows, places);
        if (!save) return new GazetteerReport(plan, [], Saved: false);

        var byCode = new Dictionary<string, INamedPlace>(StringComparer.Ordinal);
        foreach (var p in provinces) byCode[p.Code] = p;
        foreach (var d in districts) byCode[d.Code] = d;
        foreach (var c in communes) byCode[c.Code] = c;
        foreach (var v in villages) byCode[v.Code] = v;
        var communeOf = communes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        foreach (var p in plan)
        {
            switch (p.Change)
            {
                case GazetteerChange.Renamed:
                    Rename(byCode[p.Code], p.NameKm, p.NameEn);
                    break;
                case GazetteerChange.New:
                    db.Villages.Add(new Village { CommuneId = communeOf[GazetteerCode.Parent(p.Code)].Id, Code = p.Code, NameKm = p.NameKm, NameEn = p.NameEn });
                    break;
                case GazetteerChange.Gone:
                    db.Remove(byCode[p.Code]);
                    break;
            }
        }
        // One transaction a file: the renames, the new villages and the removals, with their audit entries.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new GazetteerReport(plan, [], Saved: true);
    }

    private static KnownPlace Known(INamedPlace place, string code, bool inUse) => new(code, place.NameKm, place.NameEn, inUse);

    private static void Rename(INamedPlace place, string km, string en)
    {
        switch (place)
        {
            case Province p: p.NameKm = km; p.NameEn = en; break;
            case District d: d.NameKm = km; d.NameEn = en; break;
            case Commune c: c.NameKm = km; c.NameEn = en; break;
            case Village v: v.NameKm = km; v.NameEn = en; break;
        }
    }

    /// <summary>
    /// The ids of places any record refers to, read from the model so that a table added later is counted too: every
    /// foreign key to a place, and every column named after one (a case keeps its village's id without a key), besides
    /// the places' own keys to their parents; and the places users work in.
    /// </summary>
    private async Task<Dictionary<Type, HashSet<int>>> PlacesInUseAsync(CancellationToken ct)
    {
        var used = PlaceTypes.ToDictionary(t => t, _ => new HashSet<int>());
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !PlaceTypes.Contains(e.ClrType) && e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var place = PlaceOf(property);
                var column = property.GetColumnName(table);
                if (place is null || column is null) continue;
                // Table and column names come from the compiled model, never from input.
                var sql = "SELECT DISTINCT \"" + column + "\" AS \"Value\" FROM \"" + table.Name + "\" WHERE \"" + column + "\" IS NOT NULL";
                var ids = await db.Database.SqlQueryRaw<int>(sql).ToListAsync(ct);
                used[place].UnionWith(ids);
            }
        }
        foreach (var user in await db.Users.AsNoTracking().Select(u => new { u.ScopeLevel, u.ScopeAreaIds }).ToListAsync(ct))
        {
            var place = user.ScopeLevel switch { ScopeLevel.Villages => typeof(Village), ScopeLevel.Communes => typeof(Commune), _ => typeof(District) };
            used[place].UnionWith(user.ScopeAreaIds);
        }
        return used;
    }

    private static Type? PlaceOf(IProperty property)
    {
        if (property.ClrType != typeof(int) && property.ClrType != typeof(int?)) return null;
        foreach (var fk in property.GetContainingForeignKeys())
            if (PlaceTypes.Contains(fk.PrincipalEntityType.ClrType)) return fk.PrincipalEntityType.ClrType;
        return PlaceTypes.FirstOrDefault(t => property.Name.EndsWith(t.Name + "Id", StringComparison.Ordinal));
    }
}
