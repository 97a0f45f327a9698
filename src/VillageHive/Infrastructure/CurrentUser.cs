using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

public static class HiveClaims
{
    public const string Scope = "hive:scope";
    public const string DisplayName = "hive:name";
}

/// <summary>The signed-in user of this request: id, name, roles and scope, read from the sign-in cookie.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    public string UserName => Principal.Identity?.Name ?? "";
    public string DisplayName => Principal.FindFirstValue(HiveClaims.DisplayName) ?? UserName;
    public Scope Scope => Scope.Parse(Principal.FindFirstValue(HiveClaims.Scope));
    public bool IsInRole(string role) => Principal.IsInRole(role);
    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(Principal.IsInRole);
}

/// <summary>Puts the user's scope and display name into the cookie so that no request needs a lookup for them.</summary>
public sealed class HiveClaimsFactory(UserManager<HiveUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HiveUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HiveUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HiveClaims.Scope, user.Scope.Serialise()));
        identity.AddClaim(new Claim(HiveClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
