using System.Globalization;
using System.Linq.Expressions;

namespace VillageHive.Domain;

public enum ScopeLevel
{
    Villages = 0,
    Communes = 1,
    District = 2,
}

/// <summary>
/// The part of the district a user works in: a set of villages, of communes, or whole districts.
/// Lists apply <see cref="VillagePredicate"/> in SQL; single records are checked with <see cref="Includes"/>.
/// </summary>
public sealed record Scope(ScopeLevel Level, IReadOnlyList<int> AreaIds)
{
    public static readonly Scope None = new(ScopeLevel.Villages, []);

    public bool IsEmpty => AreaIds.Count == 0;

    public Expression<Func<Village, bool>> VillagePredicate()
    {
        var ids = AreaIds.ToArray();
        return Level switch
        {
            ScopeLevel.District => v => ids.Contains(v.Commune!.DistrictId),
            ScopeLevel.Communes => v => ids.Contains(v.CommuneId),
            _ => v => ids.Contains(v.Id),
        };
    }

    public Expression<Func<Commune, bool>> CommunePredicate()
    {
        var ids = AreaIds.ToArray();
        return Level switch
        {
            ScopeLevel.District => c => ids.Contains(c.DistrictId),
            ScopeLevel.Communes => c => ids.Contains(c.Id),
            _ => c => c.Villages.Any(v => ids.Contains(v.Id)),
        };
    }

    public bool Includes(int villageId, int communeId, int districtId) => Level switch
    {
        ScopeLevel.District => AreaIds.Contains(districtId),
        ScopeLevel.Communes => AreaIds.Contains(communeId),
        _ => AreaIds.Contains(villageId),
    };

    /// <summary>Compact text form kept in the sign-in cookie, e.g. "Communes:3,4".</summary>
    public string Serialise() =>
        $"{Level}:{string.Join(',', AreaIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))}";

    public static Scope Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return None;
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || !Enum.TryParse<ScopeLevel>(parts[0], out var level)) return None;
        var ids = new List<int>();
        foreach (var p in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return None;
            ids.Add(id);
        }
        return new Scope(level, ids);
    }

    /// <summary>True when every area of <paramref name="other"/> lies inside this scope.</summary>
    public bool Covers(Scope other, IReadOnlyCollection<Village> villages)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(villages);
        var mine = villages.Where(VillagePredicate().Compile()).Select(v => v.Id).ToHashSet();
        var theirs = villages.Where(other.VillagePredicate().Compile()).Select(v => v.Id).ToList();
        return theirs.All(mine.Contains);
    }
}

public static class ScopeQueries
{
    /// <summary>Filters any query by the village its rows belong to, composed into the SQL.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, Scope scope, Expression<Func<T, Village>> village)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return query.Where(scope.Contains(village));
    }

    /// <summary>The scope test as a predicate on any record that has a village.</summary>
    public static Expression<Func<T, bool>> Contains<T>(this Scope scope, Expression<Func<T, Village>> village)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(village);
        var predicate = scope.VillagePredicate();
        var body = new Replace(predicate.Parameters[0], village.Body).Visit(predicate.Body);
        return Expression.Lambda<Func<T, bool>>(new VillageKey().Visit(body), village.Parameters);
    }

    /// <summary>
    /// Turns <c>row.Village.Id</c> into the row's own key <c>row.VillageId</c>: a village worker's scope then filters the
    /// row's indexed column. Through the join, PostgreSQL cannot carry "Id = ANY (the villages)" over to the rows' column
    /// and read all the district's households to keep three villages' (docs/scaling.md).
    /// </summary>
    private sealed class VillageKey : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Member.Name == nameof(Village.Id) && node.Expression is MemberExpression { Member.Name: "Village", Expression: { } owner }
                && owner.Type.GetProperty("VillageId") is { } key && key.PropertyType == typeof(int))
                return Expression.Property(Visit(owner), key);
            return base.VisitMember(node);
        }
    }

    /// <summary>The scope test as a predicate on any record that has a commune.</summary>
    public static Expression<Func<T, bool>> ContainsCommune<T>(this Scope scope, Expression<Func<T, Commune>> commune)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(commune);
        var predicate = scope.CommunePredicate();
        var body = new Replace(predicate.Parameters[0], commune.Body).Visit(predicate.Body);
        return Expression.Lambda<Func<T, bool>>(body, commune.Parameters);
    }
}
