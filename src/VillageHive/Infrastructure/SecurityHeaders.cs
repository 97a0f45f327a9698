namespace VillageHive.Infrastructure;

/// <summary>Browser-side defences sent with every response: pages, error pages and static files.</summary>
public static class SecurityHeaders
{
    // Strict on purpose: no 'unsafe-inline', so an injected <script> or on*="" handler in a household's text cannot run.
    // Pages therefore keep every script and style in files under wwwroot (a test scans the .cshtml files).
    // img-src allows data: for the small SVG icons inside bootstrap.min.css.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>Adds the headers as the response starts, so that they survive the exception handler clearing the response.</summary>
    public static IApplicationBuilder UseHiveSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // A signed-in page shows names, ages and phone numbers: no proxy or shared computer's cache may keep it.
        // Static files keep their validators so that phones on slow lines do not fetch them again.
        if (context.User.Identity?.IsAuthenticated == true
            && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            headers.CacheControl = "no-store";
    }
}
