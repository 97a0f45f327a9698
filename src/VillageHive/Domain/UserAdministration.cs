namespace VillageHive.Domain;

/// <summary>The person managing users: their id, roles and scope.</summary>
public sealed record UserAdministrator(string Id, IReadOnlyCollection<string> Roles, Scope Scope)
{
    public bool IsAdministrator => Roles.Contains(Domain.Roles.Administrator);
}

/// <summary>A user account as far as the rules care: who it is, its role and scope, and whether it may sign in.</summary>
public sealed record ManagedUser(string? Id, string Role, Scope Scope, bool IsActive);

/// <summary>A broken rule of user administration; the page shows each next to the field it concerns.</summary>
public enum UserRuleBreach
{
    RoleNotGrantable,
    NoArea,
    ScopeNotCovered,
    OwnRole,
    OwnScope,
    OwnDeactivation,
}

/// <summary>The villages, communes and districts lying wholly inside a scope.</summary>
public sealed record AreasWithin(IReadOnlySet<int> VillageIds, IReadOnlySet<int> CommuneIds, IReadOnlySet<int> DistrictIds)
{
    public IReadOnlySet<int> For(ScopeLevel level) => level switch
    {
        ScopeLevel.District => DistrictIds,
        ScopeLevel.Communes => CommuneIds,
        _ => VillageIds,
    };
}

/// <summary>
/// Who may manage which user accounts. Nobody gives a role or a scope wider than their own: an Administrator
/// grants any role within their scope; a CCWC focal person grants the commune's working roles within their commune.
/// </summary>
public static class UserAdministration
{
    /// <summary>Seniority of each role. Roles of equal rank are peers, not superiors.</summary>
    public static int Rank(string role) => role switch
    {
        Roles.Administrator => 5,
        Roles.DistrictManager => 4,
        Roles.Ccwc => 3,
        Roles.SeniorSocialWorker => 2,
        Roles.VillageSocialWorker or Roles.CommuneOfficial => 1,
        Roles.CommunityNetworkMember or Roles.ServiceProvider or Roles.Researcher => 0,
        _ => -1,
    };

    /// <summary>
    /// Roles whose reach is the whole district whatever their rank: a researcher reads the district's
    /// de-identified data, so a commune cannot hand that out.
    /// </summary>
    private static bool IsDistrictRole(string role) => role is Roles.DistrictManager or Roles.Researcher;

    public static bool ManagesUsers(IReadOnlyCollection<string> roles) =>
        roles.Contains(Roles.Administrator) || roles.Contains(Roles.Ccwc);

    /// <summary>The roles this person may give, in the order of <see cref="Roles.All"/>.</summary>
    public static IReadOnlyList<string> GrantableRoles(IReadOnlyCollection<string> actorRoles)
    {
        ArgumentNullException.ThrowIfNull(actorRoles);
        if (actorRoles.Contains(Roles.Administrator)) return Roles.All;
        if (!actorRoles.Contains(Roles.Ccwc)) return [];
        var own = Rank(Roles.Ccwc);
        return Roles.All.Where(r => Rank(r) < own && !IsDistrictRole(r)).ToList();
    }

    public static bool CanGrant(IReadOnlyCollection<string> actorRoles, string role) => GrantableRoles(actorRoles).Contains(role);

    /// <summary>
    /// The areas inside the actor's scope, by level. A commune counts only when all its villages are inside,
    /// a district only when all its communes are. Used both for the choices on the form and for the list filter.
    /// </summary>
    public static AreasWithin Within(Scope scope, IReadOnlyCollection<Village> villages)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(villages);
        var inside = villages.Where(scope.VillagePredicate().Compile()).Select(v => v.Id).ToHashSet();
        var communes = villages.GroupBy(v => v.CommuneId).Where(g => g.All(v => inside.Contains(v.Id))).Select(g => g.Key).ToHashSet();
        var districts = villages.GroupBy(v => v.Commune!.DistrictId).Where(g => g.All(v => inside.Contains(v.Id))).Select(g => g.Key).ToHashSet();
        return new AreasWithin(inside, communes, districts);
    }

    /// <summary>Whether the actor may see and change this existing user at all (otherwise the user is "not found").</summary>
    public static bool MayManage(UserAdministrator actor, IReadOnlyCollection<string> targetRoles, Scope targetScope, IReadOnlyCollection<Village> villages)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(targetRoles);
        ArgumentNullException.ThrowIfNull(targetScope);
        if (actor.IsAdministrator) return true;
        if (!ManagesUsers(actor.Roles) || targetScope.IsEmpty) return false;
        return targetRoles.All(r => CanGrant(actor.Roles, r)) && actor.Scope.Covers(targetScope, villages);
    }

    /// <summary>
    /// Checks a new user (<paramref name="before"/> null) or a change to one. Parts left unchanged are not
    /// re-checked against the actor's own limits, so that an Administrator can fix a name without touching the rest.
    /// </summary>
    public static IReadOnlyList<UserRuleBreach> Check(UserAdministrator actor, ManagedUser? before, ManagedUser after, IReadOnlyCollection<Village> villages)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(after);
        var breaches = new List<UserRuleBreach>();
        var self = before?.Id is { } id && id == actor.Id;
        var roleChanged = before is null || before.Role != after.Role;
        var scopeChanged = before is null || !SameScope(before.Scope, after.Scope);

        if (self && roleChanged) breaches.Add(UserRuleBreach.OwnRole);
        else if (roleChanged && !CanGrant(actor.Roles, after.Role)) breaches.Add(UserRuleBreach.RoleNotGrantable);

        if (after.Scope.IsEmpty) breaches.Add(UserRuleBreach.NoArea);
        else if (self && scopeChanged) breaches.Add(UserRuleBreach.OwnScope);
        else if (scopeChanged && !actor.Scope.Covers(after.Scope, villages)) breaches.Add(UserRuleBreach.ScopeNotCovered);

        if (self && !after.IsActive) breaches.Add(UserRuleBreach.OwnDeactivation);
        return breaches;
    }

    /// <summary>Only the actor's own account is protected from deactivation; the rest was checked by <see cref="MayManage"/>.</summary>
    public static bool MayDeactivate(UserAdministrator actor, string targetId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Id != targetId;
    }

    /// <summary>
    /// Removing someone's second factor weakens their account the most, and the person asking may be an impostor
    /// on the phone; only an Administrator does it.
    /// </summary>
    public static bool MayResetTwoFactor(UserAdministrator actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsAdministrator;
    }

    public static bool SameScope(Scope a, Scope b) =>
        a.Level == b.Level && a.AreaIds.Order().SequenceEqual(b.AreaIds.Order());
}
