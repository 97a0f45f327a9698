using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Every routed page and handler, for one user of every role and two users of another commune, against the
/// expected outcome in the table below. A page without a row fails the test, and so does a row without a page.
/// </summary>
public sealed class AuthorizationMatrixTests(Apps apps, ITestOutputHelper output)
{
    /// <summary>Columns of the expectation strings, in order.</summary>
    private static readonly string[] Users =
    [
        "admin", "district.manager", "ouchar.ccwc", "ouchar.senior", "ouchar.vbsw1", "ouchar.member1", "ouchar.chief",
        "provider.healthcentre", "researcher", "svaypao.ccwc", "svaypao.vbsw1",
    ];

    // A = allowed (GET 200; POST answered without 401/403/404: the form comes back or redirects)
    // F = 403, N = 404 (the record is outside the user's scope), R = redirect, - = not tested for this method.
    // The URL's {id} is an Ou Char record in ouchar.vbsw1's villages; the Svay Pao users must get N for it.
    private static readonly Dictionary<string, (string Url, string Get, string Post)> Table = new()
    {
        ["/"] = ("/", "AAAAAAAAAAA", "-"),
        ["/Index"] = ("/Index", "AAAAAAAAAAA", "-"),
        ["/Account/Login"] = ("/Account/Login", "AAAAAAAAAAA", "AAAAAAAAAAA"),
        ["/Account/ChangePassword"] = ("/Account/ChangePassword", "AAAAAAAAAAA", "AAAAAAAAAAA"),
        ["/Account/TwoFactor"] = ("/Account/TwoFactor", "AAAAAAAAAAA", "AAAAAAAAAAA"),
        ["/Account/LoginWith2fa"] = ("/Account/LoginWith2fa", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Account/LoginWithRecoveryCode"] = ("/Account/LoginWithRecoveryCode", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Account/Logout"] = ("/Account/Logout", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Language"] = ("/Language", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Error/{code:int?}"] = ("/Error/404", "NNNNNNNNNNN", "NNNNNNNNNNN"),
        ["/Registry/Households"] = ("/Registry/Households?q={name}", "AAAAAFAFFAA", "-"),
        ["/Registry/Households/Index"] = ("/Registry/Households/Index", "AAAAAFAFFAA", "-"),
        ["/Registry/Households/New"] = ("/Registry/Households/New", "AFAAAFFFFAA", "AFAAAFFFFAA"),
        ["/Registry/Households/{id:int}"] = ("/Registry/Households/{household}", "AAAAAFAFFNN", "-"),
        ["/Registry/Households/{id:int}/Edit"] = ("/Registry/Households/{household}/Edit", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Registry/Persons/{id:int}"] = ("/Registry/Persons/{person}", "AAAAAFAFFNN", "-"),
        ["/Registry/Persons/New"] = ("/Registry/Persons/New?householdId={household}", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Registry/Persons/{id:int}/Edit"] = ("/Registry/Persons/{person}/Edit", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Registry/Persons/{id:int}/Move"] = ("/Registry/Persons/{person}/Move", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Admin/Geography"] = ("/Admin/Geography", "AFFFFFFFFFF", "-"),
        ["/Admin/Geography/Index"] = ("/Admin/Geography/Index", "AFFFFFFFFFF", "-"),
        ["/Admin/Geography/Communes/{id:int}"] = ("/Admin/Geography/Communes/{commune}", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Geography/Villages/{id:int?}"] = ("/Admin/Geography/Villages/{village}", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Audit"] = ("/Admin/Audit", "AFFFFFFFFFF", "-"),
        ["/Admin/Users"] = ("/Admin/Users", "AFAFFFFFFAF", "-"),
        ["/Admin/Users/Index"] = ("/Admin/Users/Index", "AFAFFFFFFAF", "-"),
        ["/Admin/Users/New"] = ("/Admin/Users/New", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/Users/{id}"] = ("/Admin/Users/{user}", "AFAFFFFFFNF", "AFAFFFFFFNF"),
        ["/Referrals"] = ("/Referrals", "AAAAAAFFFAA", "-"),
        ["/Referrals/Index"] = ("/Referrals/Index", "AAAAAAFFFAA", "-"),
        ["/Referrals/New"] = ("/Referrals/New", "AFAAAAFFFAA", "AFAAAAFFFAA"),
        ["/Referrals/{id:int}"] = ("/Referrals/{referral}", "AAAAAAFFFNN", "-"),
        ["/Referrals/{id:int}/Screening"] = ("/Referrals/{referral}/Screening", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Admin/Audit/Index"] = ("/Admin/Audit/Index", "AFFFFFFFFFF", "-"),
        ["/Hotline"] = ("/Hotline", "AFAAAFFFFAA", "AFAAAFFFFAA"),
        ["/Hotline/Index"] = ("/Hotline/Index", "AFAAAFFFFAA", "AFAAAFFFFAA"),
        ["/Alerts"] = ("/Alerts", "AFAAFFFFFAF", "-"),
        ["/Alerts/Index"] = ("/Alerts/Index", "AFAAFFFFFAF", "-"),
        // One checklist for the installation: CCWC focal persons of any commune change it too.
        ["/Admin/ScreeningCriteria"] = ("/Admin/ScreeningCriteria", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/ScreeningCriteria/Index"] = ("/Admin/ScreeningCriteria/Index", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/Persons/Merge"] = ("/Admin/Persons/Merge", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        // A commune official sees a case only once it was brought to a conference they attended.
        ["/Cases/{id:int}"] = ("/Cases/{case}", "AAAAAFNFFNN", "-"),
        // Evidence. Stories are written by the workers of the case; a commune official never sees this case.
        ["/Cases/{id:int}/Stories"] = ("/Cases/{case}/Stories", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Registry/Households/{id:int}/Outcomes"] = ("/Registry/Households/{household}/Outcomes", "AAAAAFAFFNN", "FFAAAFFFFNN"),
        ["/Dashboard"] = ("/Dashboard", "AAAAAFAFFAA", "-"),
        ["/Reports"] = ("/Reports", "AAAFFFAFFAF", "-"),
        ["/Reports/Commune/{id:int}/{year:int}"] = ("/Reports/Commune/{commune}/2023", "AAAFFFAFFNF", "-"),
        ["/Exports"] = ("/Exports", "AAAAFFFFAAF", "-"),
        ["/Exports/Households"] = ("/Exports/Households?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Referrals"] = ("/Exports/Referrals?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Cases"] = ("/Exports/Cases?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Research"] = ("/Exports/Research?format=csv", "AAFFFFFFAFF", "-"),
    };

    /// <summary>Named handlers whose rule differs from their page's POST.</summary>
    private static readonly Dictionary<string, string> Handlers = new()
    {
        ["/Admin/Users/{id} POST:ResetTwoFactor"] = "AFFFFFFFFNF",
        // Redirects where there is nothing to do: enrolling when already enrolled, new codes or turning off without 2FA.
        ["/Account/TwoFactor POST:Enable"] = "RRRRAAAAARA",
        ["/Account/TwoFactor POST:NewCodes"] = "AAAARRRRRAR",
        ["/Account/TwoFactor POST:Disable"] = "AAAARRRRRAR",
        // Acknowledging without an alert id (or one outside the scope) is a 404 for those who may acknowledge.
        ["/Alerts POST:Acknowledge"] = "NFNNFFFFFNF",
        ["/Alerts/Index POST:Acknowledge"] = "NFNNFFFFFNF",
        // Choosing a year for no story (the empty form) is a 404 for those who may choose.
        ["/Cases/{id:int}/Stories POST:Select"] = "FFNNNFNFFNN",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_page_and_handler_answers_each_role_as_the_table_says(string provider)
    {
        var app = await apps.Get(provider);
        var routes = Routes.All(app);
        routes.Select(r => r.Pattern).Where(p => !Table.ContainsKey(p)).ShouldBeEmpty("pages without a row in the authorisation table");
        Table.Keys.Where(k => routes.All(r => r.Pattern != k)).ShouldBeEmpty("rows for pages that no longer exist");

        var household = await app.UniqueHouseholdAsync("02030901");
        var values = new Dictionary<string, string>
        {
            ["household"] = household.Id.ToString(),
            ["person"] = (await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync())).ToString(),
            ["commune"] = (await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync())).ToString(),
            ["village"] = (await app.VillageIdAsync("02030901")).ToString(),
            ["name"] = Uri.EscapeDataString(household.HeadKm),
            ["user"] = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ouchar.vbsw1").Select(u => u.Id).SingleAsync()),
            ["referral"] = (await app.NewReferralAsync(household.Id, "ouchar.member1")).ToString(),
            // A crisis case in ouchar.vbsw1's village 1, led by ouchar.vbsw1.
            ["case"] = (await app.NewCaseAsync("02030901", "ouchar.vbsw1")).ToString(),
        };

        var failures = new List<string>();
        var checks = 0;
        foreach (var route in routes)
        {
            var (template, get, post) = Table[route.Pattern];
            var url = Routes.Fill(template, values);
            foreach (var method in route.Methods)
            {
                var expected = Handlers.TryGetValue($"{route.Pattern} {method}", out var special) ? special : method == "GET" ? get : post;
                var target = method.StartsWith("POST:", StringComparison.Ordinal) ? $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={method[5..]}" : url;
                if (expected == "-") continue;
                expected.Length.ShouldBe(Users.Length, route.Pattern);
                for (var i = 0; i < Users.Length; i++)
                {
                    // Signing out would end the shared session: that handler gets a session of its own.
                    var client = route.Pattern == "/Account/Logout" && method == "POST"
                        ? await app.SignInAsync(Users[i], Db.DemoPassword)
                        : await app.As(Users[i]);
                    var response = method == "GET"
                        ? await client.GetAsync(target)
                        : await client.PostFormAsync(target, [], formPage: "/");
                    var actual = Outcome(method, response.StatusCode);
                    checks++;
                    if (actual != expected[i])
                        failures.Add($"{method} {target} as {Users[i]}: expected {expected[i]}, got {actual} ({(int)response.StatusCode})");
                    // Nothing of Ou Char may reach a Svay Pao user, whatever the page (the search box may echo the query).
                    if (Users[i].StartsWith("svaypao.", StringComparison.Ordinal))
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        if (body.Contains(household.HeadLatin, StringComparison.Ordinal) || body.Contains($"/Registry/Households/{household.Id}\"", StringComparison.Ordinal))
                            failures.Add($"{method} {url} as {Users[i]}: shows the Ou Char household");
                    }
                }
            }
        }
        output.WriteLine($"{provider}: {routes.Count} routes, {Users.Length} users, {checks} checks");
        failures.ShouldBeEmpty();
    }

    private static char Outcome(string method, HttpStatusCode status) => status switch
    {
        HttpStatusCode.Forbidden => 'F',
        HttpStatusCode.NotFound => 'N',
        HttpStatusCode.OK => 'A',
        HttpStatusCode.Redirect => 'R',
        _ => '?',
    };
}
