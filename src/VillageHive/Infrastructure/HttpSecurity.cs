using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using VillageHive.Data;

namespace VillageHive.Infrastructure;

/// <summary>HTTPS, cookie flags, antiforgery and data-protection keys.</summary>
public static class HttpSecurity
{
    /// <summary>Security:RequireHttps, true unless configured off (Development and the plain-http test hosts).</summary>
    public static bool RequireHttps(IConfiguration config) => config.GetValue("Security:RequireHttps", true);

    /// <summary>
    /// Hive:BehindProxy: a reverse proxy ends HTTPS and forwards plain http with X-Forwarded-For/-Proto, which are then
    /// believed (from any address: only the proxy should reach the app's port). Without it, a production Hive behind
    /// such a proxy would redirect every request to https in a loop. ASPNETCORE_FORWARDEDHEADERS_ENABLED=true does the same.
    /// </summary>
    public static bool BehindProxy(IConfiguration config) => config.GetValue("Hive:BehindProxy", false);

    public static IServiceCollection AddHiveSecurity(this IServiceCollection services)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        // Keys in the database: a sign-in cookie survives a restart and is read by every server of a deployment.
        // They are stored unencrypted, like the rest of the database; protect the database and its backups.
        services.AddDataProtection()
            .PersistKeysToDbContext<HiveDbContext>()
            .SetApplicationName("VillageHive");

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "hive.af";
            // Lax like every cookie of ours (see below); the token in the form is what stops a forged post.
            o.Cookie.SameSite = SameSiteMode.Lax;
            // SecurityHeaders sends DENY; without this antiforgery would add SAMEORIGIN first.
            o.SuppressXFrameOptionsHeader = true;
        });

        // One policy for every cookie (sign-in, antiforgery, language, and any added later), read when the
        // pipeline is built so that a test host's settings apply.
        services.AddOptions<CookiePolicyOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.Secure = RequireHttps(config) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // No script of ours reads a cookie.
            o.HttpOnly = HttpOnlyPolicy.Always;
            // Lax, not Strict: a worker who opens a link to a household from a message or an e-mail must arrive
            // signed in. Lax still keeps the cookies off cross-site posts, frames and images, which is where
            // request forgery happens; Strict would only add a sign-in page after every such link.
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        return services;
    }

    /// <summary>Registered first, so that error pages and static files get the headers too.</summary>
    public static WebApplication UseHiveSecurity(this WebApplication app)
    {
        if (BehindProxy(app.Configuration))
            app.UseForwardedHeaders();
        app.UseHiveSecurityHeaders();
        if (RequireHttps(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseCookiePolicy();
        return app;
    }
}
