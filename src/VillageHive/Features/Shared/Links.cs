using System.Collections.Concurrent;
using System.Globalization;

namespace VillageHive.Features.Shared;

/// <summary>
/// Addresses of pages for the links every page shows (the layout's menu) and for each row of a list. An anchor tag
/// helper (asp-page) asks routing each time: on a list of fifty rows, or thirty menu links, that was a tenth of the
/// page's time (docs/scaling.md). Here routing makes each address once a process (with a marker for a row's id, which
/// each row fills in). Like asp-page, a page that was renamed or moved throws instead of leaving a dead link.
/// </summary>
public static class Links
{
    private const string Marker = "1987654321";
    private const string SecondMarker = "1987654322";
    private static readonly ConcurrentDictionary<(string Page, string? Second), string[]> Templates = new();

    // Made without the request's route values (a link from one case's page must not carry its id), once a process: a
    // Hive is served at one path base.
    private static readonly ConcurrentDictionary<string, string> Plain = new();

    /// <summary>The page's address without route values.</summary>
    public static string Page(HttpContext http, string page) =>
        Plain.GetOrAdd(page, p => http.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage(p, handler: null, values: null, pathBase: http.Request.PathBase)
            ?? throw new InvalidOperationException($"No page {p}."));

    /// <summary>The page's address for one record: the route value "id" is <paramref name="id"/>.</summary>
    public static string Page(HttpContext http, string page, int id) => Fill(Template(http, page, null), id, 0);

    /// <summary>The page's address with a second route value (e.g. an assessment of a case).</summary>
    public static string Page(HttpContext http, string page, int id, string second, int secondValue) =>
        Fill(Template(http, page, second), id, secondValue);

    private static string[] Template(HttpContext http, string page, string? second) =>
        Templates.GetOrAdd((page, second), key =>
        {
            var values = new RouteValueDictionary { ["id"] = Marker };
            if (key.Second is not null) values[key.Second] = SecondMarker;
            var path = http.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage(key.Page, handler: null, values, pathBase: http.Request.PathBase)
                ?? throw new InvalidOperationException($"No page {key.Page} takes these route values.");
            string[] parts = path.Split(Marker) is [var before, var after] ? [before, .. after.Split(SecondMarker)] : [];
            return parts.Length == (key.Second is null ? 2 : 3) ? parts
                : throw new InvalidOperationException($"The address of {key.Page} does not hold each route value once: {path}");
        });

    private static string Fill(string[] parts, int id, int secondValue) => parts.Length switch
    {
        2 => string.Concat(parts[0], id.ToString(CultureInfo.InvariantCulture), parts[1]),
        _ => string.Concat(parts[0], id.ToString(CultureInfo.InvariantCulture), parts[1], secondValue.ToString(CultureInfo.InvariantCulture), parts[2]),
    };
}
