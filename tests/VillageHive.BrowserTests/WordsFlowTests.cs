using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Issue 19 "Words" on a phone in Khmer: the language switch keeps what was typed, a page not kept on the phone says so
/// offline and offers what is kept, and the header says nothing about sending when nothing waits.
/// </summary>
public sealed class WordsFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [Fact]
    public async Task Switching_language_in_the_middle_of_the_referral_form_keeps_what_was_typed()
    {
        var page = await app.SignedInAtAsync("ouchar.vbsw1", "/Referrals/New");
        await page.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        var village = await page.InputValueAsync("select[name='Input.VillageId']");
        await page.FillAsync("input[name='Input.Children[0].GivenNameKm']", "ស្រីពៅ");
        await page.FillAsync("input[name='Input.Children[0].AgeYears']", "9");
        await page.CheckAsync("#c-ParentsMigrating");
        await page.FillAsync("textarea[name='Input.ConcernNote']", "ឪពុកម្ដាយទៅធ្វើការនៅថៃ");

        await page.ClickAsync("#menu > summary");
        await page.ClickAsync("#menu button[name=culture][value=en]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await page.WaitForURLAsync("**/Referrals/New");

        (await page.InputValueAsync("textarea[name='Input.ConcernNote']")).ShouldBe("ឪពុកម្ដាយទៅធ្វើការនៅថៃ");
        (await page.InputValueAsync("input[name='Input.Children[0].GivenNameKm']")).ShouldBe("ស្រីពៅ");
        (await page.InputValueAsync("input[name='Input.Children[0].AgeYears']")).ShouldBe("9");
        (await page.InputValueAsync("select[name='Input.VillageId']")).ShouldBe(village);
        (await page.IsCheckedAsync("#c-ParentsMigrating")).ShouldBeTrue();
        await RunningApp.FitsAndShootAsync(page, "language-switch-keeps-typing");
        // Kept for the one switch only: a later visit starts empty.
        await page.ReloadAsync();
        (await page.InputValueAsync("textarea[name='Input.ConcernNote']")).ShouldBe("");
    }

    [Fact]
    public async Task Offline_a_page_not_kept_on_the_phone_says_so_and_offers_the_kept_ones()
    {
        var page = await app.SignedInAtAsync("ouchar.vbsw1", "/Sync");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.ready.then(() => true)");
        if (!await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"))
            await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        // The referral form is kept once the phone has refreshed what it keeps.
        await page.GotoAsync(app.BaseUrl + "/Referrals/New");
        await page.Context.SetOfflineAsync(true);
        try
        {
            await page.GotoAsync(app.BaseUrl + "/Registry/Households");
            var notKept = page.Locator("#not-kept");
            await notKept.WaitForAsync();
            (await notKept.InnerTextAsync()).ShouldContain("ទំព័រនេះមិនត្រូវបានរក្សាទុកនៅលើទូរស័ព្ទនេះទេ។");
            (await notKept.InnerTextAsync()).ShouldContain("This page is not kept on this phone.");
            page.Url.ShouldEndWith("/Registry/Households");
            await Assertions.Expect(page.Locator("#kept-pages a[href='/Sync']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#kept-pages a[href='/Referrals/New']")).ToBeVisibleAsync();
            await RunningApp.FitsAndShootAsync(page, "offline-not-kept");

            // What it offers opens offline.
            await page.ClickAsync("#kept-pages a[href='/Referrals/New']");
            await page.Locator("#referral-form").WaitForAsync();
        }
        finally
        {
            await page.Context.SetOfflineAsync(false);
        }
    }

    [Fact]
    public async Task The_header_says_nothing_about_sending_when_nothing_waits()
    {
        var page = await app.SignedInAtAsync("ouchar.chief", "/");
        var never = await page.Locator("#hive-l10n").GetAttributeAsync("data-never");
        never.ShouldNotBeNullOrEmpty();
        await page.WaitForFunctionAsync("() => document.querySelector('#sync-status').hasAttribute('data-pending')");
        (await page.Locator("#sync-status").GetAttributeAsync("data-pending")).ShouldBe("0");
        (await page.InnerTextAsync("#sync-status")).ShouldNotContain(never!);
    }
}
