using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VillageHive.Tests.Infrastructure;

/// <summary>Every routed page of the app with the HTTP methods its page model handles, found by reflection.</summary>
public static class Routes
{
    public sealed record PageRoute(string Pattern, string ViewPath, IReadOnlyList<string> Methods);

    public static List<PageRoute> All(HiveApp app)
    {
        var assembly = typeof(Program).Assembly;
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(x => x.Page is not null)
            .Select(x => new PageRoute("/" + x.Endpoint.RoutePattern.RawText!.TrimStart('/'), x.Page!.ViewEnginePath, Methods(assembly, x.Page.ViewEnginePath)))
            .DistinctBy(r => r.Pattern)
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The page model of "/Registry/Households/Index" is VillageHive.Features.Registry.Households.IndexModel.</summary>
    private static List<string> Methods(Assembly assembly, string viewPath)
    {
        var parts = viewPath.Trim('/').Split('/');
        var typeName = "VillageHive.Features." + string.Join('.', parts[..^1].Append(parts[^1] + "Model")).TrimStart('.');
        typeName = typeName.Replace("Features..", "Features.", StringComparison.Ordinal);
        var type = assembly.GetType(typeName)
            ?? throw new InvalidOperationException($"No page model {typeName} for {viewPath}: keep the Features/<Folder>/<Page>Model convention.");
        var handlers = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name)
            .Where(n => n.StartsWith("On", StringComparison.Ordinal))
            .ToList();
        // Every Razor page answers GET, with or without an OnGet handler.
        var methods = new List<string> { "GET" };
        if (handlers.Any(h => h is "OnPost" or "OnPostAsync")) methods.Add("POST");
        // Named handlers ("OnPostCheckAsync" answers POST ?handler=Check).
        methods.AddRange(handlers
            .Where(h => h.StartsWith("OnPost", StringComparison.Ordinal) && h is not ("OnPost" or "OnPostAsync"))
            .Select(h => "POST:" + h["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal))
            .Distinct());
        return methods;
    }

    public static string Fill(string pattern, IReadOnlyDictionary<string, string> values) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([a-z]+)(:[^}]*)?\??\}", m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "1");
}
