using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

public sealed class RegistryFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private async Task<IPage> SignedInPageAsync(string user, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync(app.BaseUrl + "/Registry/Households");
        page.Url.ShouldContain("/Account/Login");
        await page.FillAsync("input[autocomplete=username]", user);
        await page.FillAsync("input[autocomplete=current-password]", RunningApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync("**/Registry/Households");
        return page;
    }

    [Fact]
    public async Task A_village_social_worker_switches_to_Khmer_and_finds_a_household_by_its_Khmer_name()
    {
        var page = await SignedInPageAsync("ouchar.vbsw1", 390, 844);

        // The language switch posts and comes back to the same address: Expect waits for the page in the new language.
        await page.ClickAsync("#menu > summary");
        await page.ClickAsync("button[name=culture][value=en]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Households");

        await page.ClickAsync("#menu > summary");
        await page.ClickAsync("button[name=culture][value=km-KH]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("គ្រួសារ");

        // Take the name of a household the worker can see, then find it by that Khmer name.
        // Households made by other tests' referrals may have no head yet ("(no head)"): take one with a name.
        var names = await page.Locator("#households li a.stretched").AllInnerTextsAsync();
        var name = names.Select(n => n.Trim()).Where(n => !n.StartsWith('(')).Skip(2).First();
        name.ShouldMatch("[\u1780-\u17FF]");
        await page.FillAsync("main input[name=q]", name);
        await page.PressAsync("main input[name=q]", "Enter");
        await page.WaitForURLAsync("**/Registry/Households?q=*");
        var result = page.Locator("#households a.stretched", new() { HasTextString = name }).First;
        await result.ClickAsync();
        await page.WaitForURLAsync("**/Registry/Households/*");
        (await page.InnerTextAsync("h1")).ShouldContain(name);
        (await page.Locator("#members li").CountAsync()).ShouldBeGreaterThan(0);

        // The Khmer web font served by the app is what renders the page.
        var khmerFont = await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('16px \"Noto Sans Khmer\"', 'ក'); }");
        khmerFont.ShouldBeTrue();
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "household-km-390x844.png"), FullPage = true });
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 800)]
    public async Task The_household_list_in_Khmer_fits_the_screen(int width, int height)
    {
        var page = await SignedInPageAsync("ouchar.vbsw1", width, height);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("km");
        await page.EvaluateAsync("document.fonts.ready");
        // Nothing wider than the screen: no sideways scrolling on a phone.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(width);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"households-km-{width}x{height}.png") });
    }

    [Fact]
    public async Task A_search_matching_too_many_people_says_so_and_fits_a_phone()
    {
        var page = await SignedInPageAsync("ouchar.vbsw1", 360, 740);
        // One letter matches nearly everyone in the worker's three villages: more than the 200 a search reads.
        await page.FillAsync("main input[name=q]", "a");
        await page.PressAsync("main input[name=q]", "Enter");
        await page.WaitForURLAsync("**/Registry/Households?q=*");
        await page.EvaluateAsync("document.fonts.ready");
        (await page.InnerTextAsync("#more-matches")).ShouldContain("200");
        (await page.Locator("#households li").CountAsync()).ShouldBe(25);
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(360);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "households-search-limit-km-360x740.png") });
    }

    [Fact]
    public async Task A_worker_registers_a_household_and_sees_a_message_for_a_missing_name()
    {
        var page = await SignedInPageAsync("ouchar.vbsw2", 390, 844);
        await page.ClickAsync("a[href='/Registry/Households/New']");
        await page.SelectOptionAsync("select[name='Household.VillageId']", new SelectOptionValue { Index = 1 });
        // A given name of random Khmer letters: a common one would be suggested as a possible duplicate (other tests and
        // the demo register ស្រីពៅ), and the save would wait for the worker to say this is a new person.
        var given = new string(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)).ToArray());
        await page.FillAsync("input[name='Head.GivenNameKm']", given);
        await page.SelectOptionAsync("select[name='Head.Sex']", "Female");
        await page.FillAsync("input[name='Head.AgeYears']", "38");
        await page.ClickAsync("form button[type=submit].btn-primary >> nth=-1");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Head.FamilyNameKm']")).ToHaveTextAsync("«នាមត្រកូល (ខ្មែរ)»៖ ត្រូវបំពេញព័ត៌មាននេះ។");
        (await page.InputValueAsync("input[name='Head.GivenNameKm']")).ShouldBe(given);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "new-household-errors-km-390x844.png"), FullPage = true });

        await page.FillAsync("input[name='Head.FamilyNameKm']", "ញឹម");
        await page.ClickAsync("form button[type=submit].btn-primary >> nth=-1");
        // "/Registry/Households/New" matches "Households/*" too: the new household's own address.
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Registry/Households/[0-9]+$"));
        (await page.InnerTextAsync("h1")).ShouldContain("ញឹម " + given);
    }
}
