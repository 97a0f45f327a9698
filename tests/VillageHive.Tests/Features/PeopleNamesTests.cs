using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Pages name people by the full name of their account, read from a cache the app keeps: an account renamed by an
/// administrator shows its new name on the next page, not the name cached before.
/// </summary>
public sealed partial class PeopleNamesTests(Apps apps)
{
    [GeneratedRegex("name=\"Input.Stamp\" value=\"([^\"]*)\"")]
    private static partial Regex StampField();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_renamed_account_shows_its_new_name(string provider)
    {
        var app = await apps.Get(provider);
        var worker = "renamed." + Guid.NewGuid().ToString("N")[..8];
        var id = await app.CreateUserInVillagesAsync(worker, Roles.VillageSocialWorker, "02030901");
        var caseId = await app.NewCaseAsync("02030901", worker);
        var senior = await app.As("ouchar.senior");
        (await senior.GetHtmlAsync($"/Cases/{caseId}")).ShouldContain($"id=\"case-lead\">{worker}</dd>");

        var admin = await app.As("admin");
        var page = await admin.GetHtmlAsync($"/Admin/Users/{id}");
        var village = await app.VillageIdAsync("02030901");
        var response = await admin.PostFormAsync($"/Admin/Users/{id}", new()
        {
            ["Input.UserName"] = worker, ["Input.DisplayName"] = "ហេង ចន្ធី", ["Input.Role"] = Roles.VillageSocialWorker,
            ["Input.Level"] = "Villages", ["Input.VillageIds[0]"] = village.ToString(CultureInfo.InvariantCulture),
            ["Input.Stamp"] = StampField().Match(page).Groups[1].Value,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await senior.GetHtmlAsync($"/Cases/{caseId}");
        after.ShouldContain("id=\"case-lead\">ហេង ចន្ធី</dd>");
        after.ShouldNotContain($"id=\"case-lead\">{worker}</dd>");
    }
}
