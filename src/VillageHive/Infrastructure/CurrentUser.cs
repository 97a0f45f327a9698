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
    /// <summary>Present when the user has two-step sign-in turned on.</summary>
    public const string TwoFactor = "hive:2fa";
    /// <summary>Present while the user must choose a new password before doing anything else.</summary>
    public const string MustChangePassword = "hive:must-change-password";
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
        // The account gate reads these two on every request; the account pages refresh the cookie when they change.
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(HiveClaims.TwoFactor, "on"));
        if (user.MustChangePassword) identity.AddClaim(new Claim(HiveClaims.MustChangePassword, "yes"));
        return identity;
    }
}
