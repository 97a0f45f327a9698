namespace VillageHive.Features.Shared;

/// <summary>Addresses of pages made by routing, for code that has no page at hand (the capture kinds answering /api/sync).</summary>
public static class PageLinks
{
    /// <summary>
    /// The path of a page (its name under Features, as in asp-page) with route values and a fragment. A page that was
    /// renamed or moved throws here instead of leaving a dead link behind.
    /// </summary>
    public static string PathToPage(this LinkGenerator links, string page, object? values = null, string? fragment = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.GetPathByPage(page, handler: null, values, fragment: fragment is null ? default : new FragmentString("#" + fragment))
            ?? throw new InvalidOperationException($"No page {page} takes these route values.");
    }
}
