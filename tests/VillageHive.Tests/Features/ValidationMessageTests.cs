using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Every validation message in the page's language, naming the field by its translated name (issue 19): bad input
/// (empty, not a number or a date, too long, out of range) posted to many forms in Khmer and in English; no message
/// on a Khmer page has English words, and none in either language shows a property's own name ("Input.Text",
/// "ConcernNote") or the framework's English ("The ... field is required.", "The value 'abc' is not valid").
/// </summary>
public sealed partial class ValidationMessageTests(Apps apps, ITestOutputHelper output)
{
    private static readonly string[] Values = ["", "abc", "2099-13-45", "-5", "99999999999999999999", new string('x', 5000)];

    [GeneratedRegex("""<form[^>]*method="post"[^>]*>(.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("""<(?:input|select|textarea)[^>]*\bname="([^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    [GeneratedRegex("""^<form[^>]*?\saction="([^"]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Action();

    [GeneratedRegex("""<span[^>]*class="[^"]*field-validation-error[^"]*"[^>]*>([^<]+)</span>""")]
    private static partial Regex FieldMessage();

    [GeneratedRegex("""<div[^>]*validation-summary-errors[^>]*>\s*<ul>(.*?)</ul>""", RegexOptions.Singleline)]
    private static partial Regex Summary();

    [GeneratedRegex("<li>([^<]*)</li>")]
    private static partial Regex Item();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    /// <summary>A property's own name: words run together ("ConcernNote"), a dotted path ("Input.Text"), or the framework's English.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b|[a-z\]]\.[A-Z]|\bThe [^:]+ field is required|\bis not valid for\b|\bThe value '|\bThe field\b")]
    private static partial Regex RawName();

    public static List<string> Messages(string html) =>
        FieldMessage().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())
            .Concat(Summary().Matches(html).SelectMany(s => Item().Matches(s.Groups[1].Value)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()))
            .Where(m => m.Length > 0).ToList();

    [Theory]
    [InlineData(Db.Sqlite, "km")]
    [InlineData(Db.Sqlite, "en")]
    [InlineData(Db.Postgres, "km")]
    [InlineData(Db.Postgres, "en")]
    public async Task Validation_messages_are_in_the_pages_language_and_name_fields_by_their_translated_names(string provider, string language)
    {
        var app = await apps.Get(provider);
        var userName = $"words.{language}.{provider.ToLowerInvariant()}{Guid.NewGuid().ToString("N")[..6]}";
        await app.CreateUserAsync(userName, Domain.Roles.Ccwc, district: true);
        var client = await app.SignInAsync(userName, Db.DemoPassword);
        if (language == "en")
            (await client.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var household = await app.UniqueHouseholdAsync("02030901");
        var person = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        string[] pages =
        [
            "/Referrals/New", "/Hotline", "/Registry/Households/New", $"/Registry/Persons/{person}/Edit", $"/Registry/Persons/{person}/Care",
            "/Admin/Users/New", $"/Cases/{caseId}/Notes/New", $"/Cases/{caseId}/Visits/New", $"/Cases/{caseId}/Reviews/New",
            $"/Cases/{caseId}/Support/Schedules/New", $"/Cases/{caseId}/Network", "/Programmes/New", "/Community/New",
        ];

        var problems = new List<string>();
        var seen = 0;
        foreach (var url in pages)
        {
            var html = await client.GetHtmlAsync(url);
            foreach (Match form in Form().Matches(html))
            {
                if (Action().Match(form.Value) is { Success: true } a && (a.Groups[1].Value.Contains("/Language", StringComparison.Ordinal) || a.Groups[1].Value.Contains("/Account/Logout", StringComparison.Ordinal)))
                    continue;
                var fields = Field().Matches(form.Groups[1].Value).Select(m => m.Groups[1].Value)
                    .Where(n => n != "__RequestVerificationToken").Distinct().ToList();
                if (fields.Count == 0) continue;
                var action = Action().Match(form.Value) is { Success: true } act && act.Groups[1].Value.Length > 0 ? WebUtility.HtmlDecode(act.Groups[1].Value) : url;
                foreach (var value in Values)
                {
                    var response = await client.PostFormFromAsync(action, html, fields.ToDictionary(f => f, _ => value));
                    var body = await response.Content.ReadAsStringAsync();
                    foreach (var message in Messages(body))
                    {
                        seen++;
                        var label = $"{url} [{(value.Length > 10 ? value[..10] + "…" : value)}]: {message}";
                        if (language == "km" && LatinWord().IsMatch(message)) problems.Add("English in Khmer: " + label);
                        if (RawName().IsMatch(message)) problems.Add("raw name: " + label);
                    }
                }
            }
        }
        output.WriteLine($"{provider} {language}: {seen} messages");
        seen.ShouldBeGreaterThan(30);
        problems.Distinct().ToList().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_message_names_the_field_in_the_pages_language(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        var response = await client.PostFormAsync("/Referrals/New", new()
        {
            ["Input.VillageId"] = "", ["Input.Children[0].FamilyNameKm"] = "តេស្ត", ["Input.Children[0].GivenNameKm"] = "ឈ្មោះ",
            ["Input.Children[0].Sex"] = "Female", ["Input.Children[0].AgeYears"] = "abc", ["Input.Channel"] = "",
            ["Input.ConcernNote"] = new string('ក', 2001), ["Input.Urgency"] = "Soon", ["Input.Consent"] = "Given",
        });
        var messages = Messages(await response.Content.ReadAsStringAsync());
        messages.ShouldBe([
            "«ភូមិ»៖ ត្រូវបំពេញព័ត៌មាននេះ។",
            "តម្លៃនៃ «អាយុ (ឆ្នាំ)» មិនត្រឹមត្រូវទេ។",
            "«តើអ្នកបានឃើញ ឬឮអ្វីខ្លះ?» វែងពេក៖ យ៉ាងច្រើន 2000 តួអក្សរ។",
        ], ignoreOrder: true);
    }
}
