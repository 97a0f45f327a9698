using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>An empty install (Seed:Demo=false), from the first page a newcomer opens to a commune with villages.</summary>
public sealed class FirstRunTests(Apps apps)
{
    private const string Password = "the river is high in october";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_newcomer_makes_the_first_administrator_turns_on_two_step_sign_in_and_sets_up_the_commune(string provider)
    {
        await using var install = await apps.EmptyAsync(provider);
        var app = install.App;
        var browser = app.Anonymous();

        // Any page leads to /Setup while there is no administrator; the form is what password managers expect.
        var home = await browser.GetAsync("/");
        (home.StatusCode, home.Headers.Location?.OriginalString).ShouldBe((HttpStatusCode.Redirect, "/Setup"));
        var form = await browser.GetHtmlAsync("/Setup");
        form.ShouldContain("autocomplete=\"username\"");
        form.ShouldContain("autocomplete=\"new-password\"");

        // Refused, nothing made: a short password, two different ones, a name with spaces.
        foreach (var (name, pw, again) in new[] { ("chief.admin", "short pw", "short pw"), ("chief.admin", Password, Password + "!"), ("chief admin", Password, Password) })
        {
            var refused = await browser.PostFormAsync("/Setup", new() { ["UserName"] = name, ["Password"] = pw, ["ConfirmPassword"] = again });
            refused.StatusCode.ShouldBe(HttpStatusCode.OK, $"{name} / {pw} / {again}");
        }
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(0);

        var made = await browser.PostFormAsync("/Setup", new() { ["UserName"] = "chief.admin", ["Password"] = Password, ["ConfirmPassword"] = Password });
        made.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        made.Headers.Location!.OriginalString.ShouldBe("/Account/TwoFactor?ReturnUrl=%2FSetup%2FPlace");
        // Signed in, and held at two-step sign-in until it is on.
        (await browser.GetAsync("/Setup/Place")).Headers.Location!.OriginalString.ShouldStartWith("/Account/TwoFactor");
        await app.EnrolAsync(browser, "chief.admin");

        // The first run is over: /Setup is gone for everyone, and the home page no longer leads there.
        await browser.GetHtmlAsync("/Setup", HttpStatusCode.NotFound);
        await app.Anonymous().GetHtmlAsync("/Setup", HttpStatusCode.NotFound);
        (await app.Anonymous().GetAsync("/")).Headers.Location?.OriginalString.ShouldNotBe("/Setup");

        // The place: a commune ticked without villages is refused; with them it is made from the gazetteer.
        var place = await browser.GetHtmlAsync("/Setup/Place");
        place.ShouldContain("020309");
        (await browser.PostFormAsync("/Setup/Place", new() { ["District"] = "0203", ["Communes"] = "020309" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.PostFormAsync("/Setup/Place", new() { ["District"] = "0203", ["Communes"] = "999999", ["Villages[999999]"] = "x" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.PostFormAsync("/Setup/Place", new() { ["TimeZone"] = "Mars/Olympus", ["District"] = "0203", ["Communes"] = "020309", ["Villages[020309]"] = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Provinces.CountAsync())).ShouldBe(0);
        (await app.WithDbAsync(db => db.Installations.CountAsync())).ShouldBe(0);
        var saved = await browser.PostFormAsync("/Setup/Place", new()
        {
            ["TimeZone"] = "Asia/Ho_Chi_Minh", ["District"] = "0203", ["Communes"] = "020309", ["Villages[020309]"] = "ភូមិទី១ | Phum Ti Muoy\r\nភូមិទី២\r\n\r\n",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Installations.Select(i => i.TimeZoneId).SingleAsync())).ShouldBe("Asia/Ho_Chi_Minh");
        var villages = await app.WithDbAsync(db => db.Villages.OrderBy(v => v.Code)
            .Select(v => new { v.Code, v.NameKm, v.NameEn, Commune = v.Commune!.Code, District = v.Commune.District!.Code, Province = v.Commune.District.Province!.Code }).ToListAsync());
        villages.Select(v => (v.Code, v.NameKm, v.NameEn, v.Commune, v.District, v.Province)).ShouldBe([
            ("02030901", "ភូមិទី១", "Phum Ti Muoy", "020309", "0203", "02"),
            ("02030902", "ភូមិទី២", "ភូមិទី២", "020309", "0203", "02")]);
        var scope = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "chief.admin").Select(u => new { u.ScopeLevel, u.ScopeAreaIds }).SingleAsync());
        var district = await app.WithDbAsync(db => db.Districts.Where(d => d.Code == "0203").Select(d => d.Id).SingleAsync());
        (scope.ScopeLevel, scope.ScopeAreaIds.Single()).ShouldBe((ScopeLevel.District, district));

        // Again with one more village: what is there is kept, the new one is added after it.
        (await browser.PostFormAsync("/Setup/Place", new() { ["District"] = "0203", ["Communes"] = "020309", ["Villages[020309]"] = "ភូមិទី២\nភូមិទី៣" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Villages.OrderBy(v => v.Code).Select(v => v.Code).ToListAsync())).ShouldBe(["02030901", "02030902", "02030903"]);
        // Without the list the zone stays as chosen; the page shows it chosen.
        (await app.WithDbAsync(db => db.Installations.Select(i => i.TimeZoneId).SingleAsync())).ShouldBe("Asia/Ho_Chi_Minh");
        (await browser.GetHtmlAsync("/Setup/Place")).ShouldContain("<option value=\"Asia/Ho_Chi_Minh\" selected=\"selected\">");
        // The administrator now sees the commune on the geography page.
        (await browser.GetHtmlAsync("/Admin/Geography")).ShouldContain("ភូមិទី៣");
    }
}
