using System.Globalization;
using System.Text.RegularExpressions;

namespace VillageHive.Tests.Infrastructure;

/// <summary>Reads the numbers the dashboards and the report mark with data-figure="name".</summary>
public static partial class Figures
{
    [GeneratedRegex("data-figure=\"([^\"]+)\"[^>]*>([^<]*)<")]
    private static partial Regex Pattern();

    public static Dictionary<string, string> Of(string html) =>
        Pattern().Matches(html).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.First().Groups[2].Value.Trim());

    public static int Number(this Dictionary<string, string> figures, string name) =>
        int.Parse(figures[name], CultureInfo.InvariantCulture);
}
