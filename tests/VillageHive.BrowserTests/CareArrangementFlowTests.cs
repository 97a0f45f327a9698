using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>Where a child lives, on a phone in Khmer: a worker records a placement in a centre, then the child's return home.</summary>
public sealed class CareArrangementFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [Fact]
    public async Task A_worker_records_that_a_child_was_reintegrated_from_residential_care_and_sees_it_on_the_person_page()
    {
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/Registry/Households");
        await app.SignInAsync(page, "ouchar.vbsw1");
        await page.WaitForURLAsync("**/Registry/Households");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("km");

        // A household of the worker's villages no other test works on, and its last member (a child in the demo's households).
        var hrefs = await page.Locator("#households a.stretched").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var household = hrefs.Skip(5).First(href => app.Claim("household:" + href.Split('/')[^1]));
        await page.GotoAsync(app.BaseUrl + household);
        var member = page.Locator("#members a.stretched").Last;
        var name = (await member.InnerTextAsync()).Trim();
        await member.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        var personUrl = page.Url;

        // Placed in a children's centre in town three months ago: a separation from the family.
        var today = RunningApp.CommuneToday;
        await page.ClickAsync("#care-record");
        await Assertions.Expect(page.Locator("#care-form")).ToBeVisibleAsync();
        await page.CheckAsync("#event-Separation");
        await page.SelectOptionAsync("select[name='Input.Type']", "ResidentialCare");
        await page.CheckAsync("#where-elsewhere");
        await page.FillAsync("input[name='Input.Place']", "មណ្ឌលថែទាំកុមារ ក្រុងបាត់ដំបង");
        await page.FillAsync("input[name='Input.StartedOn']", today.AddMonths(-3).ToString("yyyy-MM-dd"));
        await page.SelectOptionAsync("select[name='Input.Reason']", "Poverty");
        await page.ClickAsync("#care-form button[type=submit]");
        await Assertions.Expect(page.Locator("#care-history li").First).ToContainTextAsync("មណ្ឌលថែទាំកុមារ");
        await Assertions.Expect(page.Locator("#care-history li .care-event").First).ToHaveTextAsync("បែកចេញពីគ្រួសារ");

        // Back home with the grandmother: the worker says it is a reintegration; a date in the future is refused first.
        await page.ClickAsync("#care-record");
        await Assertions.Expect(page.Locator("#care-now")).ToContainTextAsync("មណ្ឌលថែទាំកុមារ");
        await page.CheckAsync("#event-Reintegration");
        await page.SelectOptionAsync("select[name='Input.Type']", "Grandparents");
        await page.CheckAsync("#where-household");
        await page.FillAsync("input[name='Input.StartedOn']", today.AddDays(1).ToString("yyyy-MM-dd"));
        await page.SelectOptionAsync("select[name='Input.Reason']", "WithFamily");
        await page.FillAsync("input[name='Input.ReasonNote']", "ជីដូនយល់ព្រមមើលថែ");
        await page.ClickAsync("#care-form button[type=submit]");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.StartedOn']")).ToHaveTextAsync("កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ។");
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "care-record-km-390x844.png"), FullPage = true });

        await page.FillAsync("input[name='Input.StartedOn']", today.ToString("yyyy-MM-dd"));
        await page.ClickAsync("#care-form button[type=submit]");
        await page.WaitForURLAsync(url => url.StartsWith(personUrl, StringComparison.Ordinal) && url.EndsWith("#care", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("សមាហរណកម្មរបស់កុមារទៅក្នុងគ្រួសារវិញត្រូវបានកត់ត្រា។");
        var latest = page.Locator("#care-history li").First;
        await Assertions.Expect(latest).ToContainTextAsync("ជីដូនជីតា");
        await Assertions.Expect(latest.Locator(".care-event")).ToHaveTextAsync("ធ្វើសមាហរណកម្មទៅក្នុងគ្រួសារវិញ");
        await Assertions.Expect(latest).ToContainTextAsync("ជីដូនយល់ព្រមមើលថែ");
        (await page.Locator("#care-history li").CountAsync()).ShouldBe(2);
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "care-person-km-390x844.png"), FullPage = true });
    }
}
