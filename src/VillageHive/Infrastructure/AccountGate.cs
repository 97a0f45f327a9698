using System.Security.Claims;
using Microsoft.AspNetCore.WebUtilities;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

/// <summary>Who must sign in with a second factor: the roles in <see cref="Roles.TwoFactorRequired"/>, unless Security:RequireTwoFactor is false.</summary>
public sealed class TwoFactorPolicy(IConfiguration config)
{
    public const string ConfigKey = "Security:RequireTwoFactor";

    // Read once: changing it is a deployment decision, not something to flip while users are signed in.
    private readonly bool enforced = config.GetValue(ConfigKey, true);

    public bool IsRequiredFor(ClaimsPrincipal user) => enforced && Roles.TwoFactorRequired.Any(user.IsInRole);

    /// <summary>True while a user who needs two-step sign-in has not set it up yet.</summary>
    public bool MustEnrol(ClaimsPrincipal user) => IsRequiredFor(user) && !user.HasClaim(c => c.Type == HiveClaims.TwoFactor);
}

/// <summary>
/// Holds a signed-in user at the account pages until the account is in order: first a password of the user's own
/// choosing (MustChangePassword), then two-step sign-in for the roles that need it. It reads only the sign-in
/// cookie's claims, so it costs no database query; the account pages refresh the cookie when they fix the account.
/// </summary>
public sealed class AccountGate(RequestDelegate next, TwoFactorPolicy policy)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";
    public const string TwoFactorPath = "/Account/TwoFactor";

    // Always reachable: signing out, the language switch, and the error pages that the handlers re-execute.
    // Static files never get here: UseStaticFiles answers them earlier in the pipeline.
    private static readonly PathString[] AlwaysOpen = ["/Account/Logout", "/Language", "/Error"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return next(context);
        var target = user.HasClaim(c => c.Type == HiveClaims.MustChangePassword) ? ChangePasswordPath
            : policy.MustEnrol(user) ? TwoFactorPath
            : null;
        var path = context.Request.Path;
        if (target is null || path.StartsWithSegments(target) || AlwaysOpen.Any(p => path.StartsWithSegments(p)))
            return next(context);

        // The phone's background sync cannot fix the account: it hears "sign in again" and keeps its records.
        if (ApiAnswers.IsApi(context.Request))
            return ApiAnswers.WriteAsync(context, StatusCodes.Status401Unauthorized, "Sync.SignedOut");
        var location = context.Request.PathBase + target;
        // Come back to the page that was asked for once the account is in order (only for a plain page visit).
        if (HttpMethods.IsGet(context.Request.Method) && path != "/")
            location = QueryHelpers.AddQueryString(location, "ReturnUrl", path + context.Request.QueryString);
        context.Response.Redirect(location);
        return Task.CompletedTask;
    }
}
