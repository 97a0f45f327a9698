using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Users;

/// <summary>
/// What every user-administration page needs besides the users: the person at the keyboard, the places and the
/// roles. Loaded once per request; a district has 62 villages, so holding them in memory is cheaper than joins.
/// </summary>
public sealed class UserAdminSetting
{
    public required UserAdministrator Actor { get; init; }
    /// <summary>Every village, with its commune (and so its district id), ordered by code.</summary>
    public required IReadOnlyList<Village> Villages { get; init; }
    public required IReadOnlyList<District> Districts { get; init; }
    /// <summary>Role name to role id, and back: user rows carry role ids.</summary>
    public required IReadOnlyDictionary<string, string> RoleIds { get; init; }
    public required AreasWithin Within { get; init; }

    public IReadOnlyList<string> GrantableRoles => UserAdministration.GrantableRoles(Actor.Roles);

    public string? RoleName(string? roleId) => RoleIds.FirstOrDefault(r => r.Value == roleId).Key;

    public static async Task<UserAdminSetting> LoadAsync(HiveDbContext db, CurrentUser me)
    {
        var villages = await db.Villages.AsNoTracking().Include(v => v.Commune).OrderBy(v => v.Code).ToListAsync();
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Code).ToListAsync();
        var roles = await db.Roles.AsNoTracking().Where(r => r.Name != null).ToDictionaryAsync(r => r.Name!, r => r.Id);
        var actor = new UserAdministrator(me.Id, Roles.All.Where(me.IsInRole).ToList(), me.Scope);
        return new UserAdminSetting
        {
            Actor = actor, Villages = villages, Districts = districts, RoleIds = roles, Within = UserAdministration.Within(actor.Scope, villages),
        };
    }

    /// <summary>
    /// The users the actor may manage, filtered in SQL with the same meaning as <see cref="UserAdministration.MayManage"/>:
    /// every area of the user's scope inside the actor's, and every role of the user one the actor may grant.
    /// </summary>
    public IQueryable<HiveUser> ManageableUsers(HiveDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Actor.IsAdministrator) return db.Users;
        if (!UserAdministration.ManagesUsers(Actor.Roles)) return db.Users.Where(_ => false);
        var villages = Within.VillageIds.ToArray();
        var communes = Within.CommuneIds.ToArray();
        var districts = Within.DistrictIds.ToArray();
        var grantable = GrantableRoles.Where(RoleIds.ContainsKey).Select(r => RoleIds[r]).ToArray();
        return db.Users.Where(u => u.ScopeAreaIds.Count > 0
            && ((u.ScopeLevel == ScopeLevel.Villages && u.ScopeAreaIds.All(a => villages.Contains(a)))
                || (u.ScopeLevel == ScopeLevel.Communes && u.ScopeAreaIds.All(a => communes.Contains(a)))
                || (u.ScopeLevel == ScopeLevel.District && u.ScopeAreaIds.All(a => districts.Contains(a))))
            && !db.UserRoles.Any(ur => ur.UserId == u.Id && !grantable.Contains(ur.RoleId)));
    }

    /// <summary>"Villages: Ou Char 1, Ou Char 2" in the language of the screen.</summary>
    public string Describe(Scope scope, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(l);
        if (scope.IsEmpty) return l["Users.NoAreaShown"];
        var names = scope.AreaIds.Select(id => AreaName(scope.Level, id) ?? $"#{id}");
        return string.Format(l["Users.ScopeText"], l.Label(scope.Level), string.Join(", ", names));
    }

    public string? AreaName(ScopeLevel level, int id) => level switch
    {
        ScopeLevel.District => Districts.FirstOrDefault(d => d.Id == id)?.Name(),
        ScopeLevel.Communes => Villages.FirstOrDefault(v => v.CommuneId == id)?.Commune!.Name(),
        _ => Villages.FirstOrDefault(v => v.Id == id)?.Name(),
    };

    /// <summary>The levels and areas offered on the form: those inside the actor's scope, plus what the user already has.</summary>
    public ScopeChoices Choices(Scope? current)
    {
        var keep = current ?? Scope.None;
        bool Offered(ScopeLevel level, int id) => Within.For(level).Contains(id) || (keep.Level == level && keep.AreaIds.Contains(id));
        var villages = Villages.Where(v => Offered(ScopeLevel.Villages, v.Id)).ToList();
        var communes = Villages.Select(v => v.Commune!).DistinctBy(c => c.Id).Where(c => Offered(ScopeLevel.Communes, c.Id)).ToList();
        var districts = Districts.Where(d => Offered(ScopeLevel.District, d.Id)).ToList();
        return new ScopeChoices(villages, communes, districts);
    }
}

/// <summary>The areas a form offers at each scope level.</summary>
public sealed record ScopeChoices(IReadOnlyList<Village> Villages, IReadOnlyList<Commune> Communes, IReadOnlyList<District> Districts)
{
    public bool Offers(ScopeLevel level, int id) => level switch
    {
        ScopeLevel.District => Districts.Any(d => d.Id == id),
        ScopeLevel.Communes => Communes.Any(c => c.Id == id),
        _ => Villages.Any(v => v.Id == id),
    };

    public bool HasLevel(ScopeLevel level) => level switch
    {
        ScopeLevel.District => Districts.Count > 0,
        ScopeLevel.Communes => Communes.Count > 0,
        _ => Villages.Count > 0,
    };
}
