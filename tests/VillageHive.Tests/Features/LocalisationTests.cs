using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed partial class LocalisationTests(Apps apps)
{
    private static readonly string SourceRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/VillageHive"));

    private static readonly ResourceManager Resources = new("VillageHive.Resources.SharedResource", typeof(VillageHive.SharedResource).Assembly);

    [GeneratedRegex(""""(?:\bL|\bl)\["([A-Za-z0-9_.]+)"\]|(?:ErrorMessage|Name) = "([A-Z][A-Za-z]+\.[A-Za-z0-9.]+)"|DomainException\("([A-Za-z.]+)"\)|"(Validation\.[A-Za-z]+)"|"(Move\.[A-Za-z]+)"|"(Error\.[0-9]+)"""")]
    private static partial Regex KeyUse();

    private static IEnumerable<string> UsedKeys()
    {
        var files = Directory.EnumerateFiles(SourceRoot, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/Migrations/"));
        foreach (var file in files)
        {
            foreach (Match m in KeyUse().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
                if (key.StartsWith("Error.", StringComparison.Ordinal))
                {
                    yield return key + ".Title";
                    yield return key + ".Text";
                }
                else
                {
                    yield return key;
                }
            }
        }
    }

    [Fact]
    public void Every_text_key_used_in_the_code_has_Khmer_and_English()
    {
        var keys = UsedKeys().Distinct().ToList();
        keys.Count.ShouldBeGreaterThan(100);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            foreach (var culture in new[] { "km", "en" })
            {
                if (string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo(culture))))
                    missing.Add($"{key} ({culture})");
            }
        }
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Every_enum_shown_on_screen_has_a_label_in_both_languages()
    {
        Type[] shown = [typeof(Domain.Sex), typeof(Domain.IdPoorStatus), typeof(Domain.BirthRegistration), typeof(Domain.SchoolStatus), typeof(Domain.RelationToHead), typeof(Domain.HiveStatus)];
        foreach (var type in shown)
        {
            foreach (var name in Enum.GetNames(type))
            {
                Resources.GetString($"Enum.{type.Name}.{name}", CultureInfo.GetCultureInfo("km")).ShouldNotBeNullOrWhiteSpace($"{type.Name}.{name}");
                Resources.GetString($"Enum.{type.Name}.{name}", CultureInfo.GetCultureInfo("en")).ShouldNotBeNullOrWhiteSpace($"{type.Name}.{name}");
            }
        }
    }

    [Fact]
    public void Khmer_text_differs_from_English_so_nothing_is_left_untranslated()
    {
        var set = Resources.GetResourceSet(CultureInfo.GetCultureInfo("km"), true, false)!;
        foreach (System.Collections.DictionaryEntry entry in set)
        {
            var km = (string)entry.Value!;
            km.Any(c => c is >= '\u1780' and <= '\u17FF').ShouldBeTrue($"{entry.Key} has no Khmer letters: {km}");
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Khmer_is_the_default_and_the_switch_to_English_is_remembered(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.SignInAsync("ouchar.ccwc", Db.DemoPassword);
        (await client.GetHtmlAsync("/Registry/Households")).ShouldContain("<html lang=\"km\">");
        var response = await client.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/Registry/Households" }, formPage: "/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/Registry/Households");
        var html = await client.GetHtmlAsync("/Registry/Households");
        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("New household");
        await client.PostFormAsync("/Language", new() { ["culture"] = "km-KH", ["returnUrl"] = "/" }, formPage: "/");
        (await client.GetHtmlAsync("/Registry/Households")).ShouldContain("គ្រួសារថ្មី");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_language_switch_refuses_an_unknown_culture_and_an_outside_return_address(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        var response = await client.PostFormAsync("/Language", new() { ["culture"] = "xx-YY", ["returnUrl"] = "https://evil.example/" }, formPage: "/Account/Login");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeFalse(string.Join(";", cookies ?? []));
    }
}
