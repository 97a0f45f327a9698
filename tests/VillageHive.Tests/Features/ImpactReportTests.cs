using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class ImpactReportTests(Apps apps)
{
    private static Task<int> OuCharAsync(HiveApp app) =>
        app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_Ou_Char_2023_report_shows_the_programmes_figures_and_only_consented_stories(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await OuCharAsync(app);
        var html = await (await app.As("ouchar.chief")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2023");
        var figures = Figures.Of(html);
        figures.Number("referrals").ShouldBe(64);
        figures.Number("high-risk").ShouldBe(16);
        figures.Number("goals-met").ShouldBeGreaterThan(0);
        // The after-school programme's 41 children (children enrolled by other tests start after 2023).
        figures.Number("children-in-programmes").ShouldBe(41);
        html.ShouldMatch("id=\"hive-opened\">\\s*<time datetime=\"2022-");
        html.ShouldMatch("id=\"hive-handover\">\\s*<time datetime=\"2022-12-");
        html.ShouldContain(DemoOutcomes.SuccessStoryTitle);
        html.ShouldNotContain(DemoOutcomes.RefusedStoryTitle);
        // The report never names the family.
        var head = await app.WithDbAsync(db => db.CaseStories.Where(s => s.Title == DemoOutcomes.SuccessStoryTitle)
            .Select(s => s.Case!.Household!.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.GivenNameKm).First()).FirstAsync());
        html.ShouldNotContain(head);

        var english = await app.SignInAsync("ouchar.chief", Db.DemoPassword);
        await english.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/");
        var en = await english.GetHtmlAsync($"/Reports/Commune/{ouChar}/2023");
        en.ShouldContain("December 2022");
        en.ShouldContain("impact report 2023");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_story_shows_only_while_the_familys_latest_answer_is_yes(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await OuCharAsync(app);
        var caseId = await app.NewCaseAsync("02030902", "ouchar.vbsw1");
        var household = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.HouseholdId).SingleAsync());
        var title = "Story " + DemoData.UniqueLatin();
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Stories";
        (await worker.PostFormAsync(url, new() { ["Story.Title"] = title, ["Story.Text"] = "A family stepped down from crisis.", ["Story.SelectedForYear"] = "2019" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var report = $"/Reports/Commune/{ouChar}/2019";
        var ccwc = await app.As("ouchar.ccwc");
        (await ccwc.GetHtmlAsync(report)).ShouldNotContain(title);

        var outcomes = $"/Registry/Households/{household}/Outcomes";
        Dictionary<string, string> Answer(bool given) => new()
        {
            ["Consent.Use"] = "Reports", ["Consent.Given"] = given ? "true" : "false", ["Consent.AnsweredOn"] = "2024-01-10", ["Consent.Said"] = "The mother answered",
        };
        (await worker.PostFormAsync(outcomes + "?handler=Consent", Answer(true), formPage: outcomes)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ccwc.GetHtmlAsync(report)).ShouldContain(title);
        (await worker.PostFormAsync(outcomes + "?handler=Consent", Answer(false), formPage: outcomes)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ccwc.GetHtmlAsync(report)).ShouldNotContain(title);
        // Both answers stay in the history.
        (await app.WithDbAsync(db => db.ConsentRecords.CountAsync(c => c.HouseholdId == household))).ShouldBe(2);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_commune_and_roles_without_the_report_get_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await OuCharAsync(app);
        await (await app.As("svaypao.ccwc")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2023", HttpStatusCode.NotFound);
        await (await app.As("ouchar.vbsw1")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2023", HttpStatusCode.Forbidden);
        await (await app.As("researcher")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2023", HttpStatusCode.Forbidden);
        await (await app.As("ouchar.chief")).GetHtmlAsync($"/Reports/Commune/{ouChar}/1800", HttpStatusCode.NotFound);
        await (await app.As("svaypao.ccwc")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2023?handler=Pdf", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_report_downloads_as_a_pdf(string provider)
    {
        var app = await apps.Get(provider);
        if (!File.Exists("/usr/bin/chromium"))
        {
            if (Apps.InCi) throw new InvalidOperationException("CI=true but /usr/bin/chromium is missing");
            Assert.Skip("Chromium is not installed at /usr/bin/chromium: the PDF cannot be printed here.");
        }
        var ouChar = await OuCharAsync(app);
        var response = await (await app.As("ouchar.chief")).GetAsync($"/Reports/Commune/{ouChar}/2023?handler=Pdf", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        // The PDF holds the same figures as the page: read its text back and find each figure of the year.
        var figures = Figures.Of(await (await app.As("ouchar.chief")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2023"));
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        pdf.NumberOfPages.ShouldBeGreaterThanOrEqualTo(1);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToHashSet();
        foreach (var name in new[] { "referrals", "high-risk", "children-in-programmes", "sessions-held", "session-attendance", "services-delivered" })
            words.ShouldContain(figures[name], $"figure {name}");
        figures["referrals"].ShouldBe("64");
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Export" && a.EntityType == "ImpactReport" && a.UserName == "ouchar.chief"))).ShouldBeTrue();
    }
}
