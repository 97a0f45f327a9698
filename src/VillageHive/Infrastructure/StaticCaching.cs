
namespace VillageHive.Infrastructure;

/// <summary>Which form of a file under wwwroot is sent, and how long browsers keep it.</summary>
public static class StaticCaching
{
    public const string Immutable = "public, max-age=31536000, immutable";
    // Files asked for without a version (the font the stylesheet names, icons, the web manifest) may change with a
    // new build, so only for an hour; the service worker revalidates them when it installs.
    public const string Brief = "public, max-age=3600";

    private static readonly PathString[] Folders = ["/css", "/js", "/lib", "/icons"];

    /// <summary>
    /// A file asked for with ?v= (the build version or asp-append-version's hash) has a new address whenever its
    /// content changes, so it is kept for a year and never revalidated; any other file for a short while.
    /// Pages are left alone (SecurityHeaders marks signed-in ones no-store).
    /// </summary>
    public static IApplicationBuilder UseStaticCaching(this IApplicationBuilder app)
    {
        // The addresses MapStaticAssets answers (from the build's manifest), read at the first request.
        var routes = new Lazy<HashSet<string>>(() => app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToHashSet(StringComparer.Ordinal));
        return app.Use((context, next) =>
        {
            if (IsStaticFile(context.Request.Path))
            {
                Precompressed(context, routes.Value);
                context.Response.OnStarting(static state =>
                {
                    var http = (HttpContext)state;
                    var status = http.Response.StatusCode;
                    if (status is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                        http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? Immutable : Brief;
                    return Task.CompletedTask;
                }, context);
            }
            return next(context);
        });
    }

    // The build writes a .br and a .gz beside each style and script (BuildCompressionFormats in the project file;
    // published with the app). MapStaticAssets serves those copies with Content-Encoding, the original's Content-Type
    // and Vary; asking for them by name here also gets them in Development, where it would otherwise compress the
    // original again on the fly.
    private static void Precompressed(HttpContext context, HashSet<string> routes)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return;
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (!accepted.Any(a => a.Quality is not 0 && string.Equals(a.Value.Value, encoding, StringComparison.OrdinalIgnoreCase))) continue;
            var path = context.Request.Path.Value + suffix;
            if (!routes.Contains(path)) continue;
            context.Request.Path = path;
            return;
        }
    }

    private static bool IsStaticFile(PathString path) =>
        path == "/sw.js" || path == "/manifest.webmanifest" || Folders.Any(f => path.StartsWithSegments(f));
}
