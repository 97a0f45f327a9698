using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace VillageHive.Features.Shared;

/// <summary>Paging state for a list page; <see cref="Url"/> keeps the other query values.</summary>
public sealed record Pager(int Page, int PageSize, int Total, Func<int, string> Url)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static int Clamp(int page) => Math.Clamp(page, 1, 100_000);

    /// <summary>
    /// A list's address (made by routing) with "?page=n" added, for the lists whose page number is called "page":
    /// in route values that name is taken by the Razor page itself.
    /// </summary>
    public static string WithPage(string url, int page) => QueryHelpers.AddQueryString(url, "page", page.ToString(CultureInfo.InvariantCulture));
}
