using System.Text.Json;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// A village social worker's phone loses its signal: a referral and a programme register taken offline wait on the
/// phone and are sent once when the signal is back; sending the same batch again, or a sync cut off after the server
/// applied it, creates nothing twice; a record the server does not accept shows its reason on /Sync.
/// </summary>
public sealed class OfflineSyncTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private Task<IPage> PhoneAsync(string user, string path) => PhoneAsync(app, user, path);

    /// <summary>A phone signed in at the path, its page controlled by the service worker (so it keeps working offline).</summary>
    internal static async Task<IPage> PhoneAsync(RunningApp app, string user, string path)
    {
        var page = await app.NewPageAsync(Width, Height);
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(app.BaseUrl + path);
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync("**" + path.Split('?')[0]);
        // The service worker controls the page once it has installed (it claims open pages at activation). A page whose
        // navigation began before activation may miss that claim (a race on a busy machine); the next load is then
        // controlled, as a phone's next page is. A function, not an expression: Playwright polls an expression with
        // eval, which the content security policy refuses.
        await UntilAsync(page, "navigator.serviceWorker.ready.then(() => true)");
        if (!await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"))
            await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        return page;
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"{name}-km-{Width}x{Height}.png"), FullPage = true });
    }

    internal static Task<int> PendingAsync(IPage page) =>
        page.EvaluateAsync<int>("HiveSync.status(document.body.dataset.user).then(s => s.pending)");

    /// <summary>
    /// Waits until a script that answers a promise (the phone's queue is in IndexedDB) answers true. WaitForFunction
    /// would take the promise itself as true: each poll starts a read and answers what the last finished read found.
    /// </summary>
    internal static async Task UntilAsync(IPage page, string script)
    {
        var poll = "() => { const w = window.__hiveUntil = window.__hiveUntil || { busy: false, ok: false };"
            // Run inside then(): while a page is still loading HiveSync may not be there yet, and that is "not yet", not an error.
            + " if (!w.busy) { w.busy = true; Promise.resolve().then(() => " + script + ").then(v => { w.ok = v === true; w.busy = false; }, () => { w.busy = false; }); }"
            + " return w.ok; }";
        try
        {
            await page.WaitForFunctionAsync(poll, null, new() { PollingInterval = 250 });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw new TimeoutException("Not true: " + script + "\nQueue: " + await page.EvaluateAsync<string>("HiveSync.list().then(rs => JSON.stringify(rs))"), e);
        }
        finally
        {
            // The next wait on this page starts afresh.
            await page.EvaluateAsync("delete window.__hiveUntil");
        }
    }

    /// <summary>Until the phone holds no record at all: sent, and none rejected.</summary>
    internal static Task WaitUntilSentAsync(IPage page) => UntilAsync(page, "HiveSync.list().then(rs => rs.length === 0)");

    /// <summary>The records waiting on the phone, as the JSON batch the phone would send.</summary>
    private static Task<string> StoredBatchAsync(IPage page) => page.EvaluateAsync<string>(
        "HiveSync.list().then(rs => JSON.stringify({ sentAt: new Date().toISOString(), records: rs.map(r => ({ clientId: r.clientId, kind: r.kind, recordedAt: r.recordedAt, data: r.data })) }))");

    /// <summary>Posts a batch as the page's own script would, and returns the result statuses.</summary>
    private static async Task<string[]> ReplayAsync(IPage page, string batch)
    {
        var json = await page.EvaluateAsync<string>(@"async batch => {
            const token = (await (await fetch('/api/sync/token')).json()).token;
            const res = await fetch('/api/sync', { method: 'POST', headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token }, body: batch });
            return await res.text();
        }", batch);
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];
    }

    /// <summary>A Khmer given name no other test makes (the referral list shows Khmer names), so the server sees no possible same child.</summary>
    internal static string UniqueKhmer() => string.Concat(Enumerable.Range(0, 5).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)));

    internal static async Task FillReferralAsync(IPage page, string given, bool withVillage = true)
    {
        if (withVillage) await page.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        await page.FillAsync("input[name='Input.Children[0].FamilyNameKm']", UniqueKhmer()[..3]);
        await page.FillAsync("input[name='Input.Children[0].GivenNameKm']", given);
        await page.FillAsync("input[name='Input.Children[0].GivenNameLatin']", string.Concat(Enumerable.Range(0, 7).Select(_ => (char)Random.Shared.Next('a', 'z' + 1))));
        await page.SelectOptionAsync("select[name='Input.Children[0].Sex']", "Female");
        await page.FillAsync("input[name='Input.Children[0].AgeYears']", "9");
        await page.CheckAsync("#c-ParentsMigrating");
        await page.FillAsync("textarea[name='Input.ConcernNote']", "ឪពុកម្ដាយទៅធ្វើការនៅថៃ");
    }

    private async Task<int> ReferralsNamedAsync(IPage page, string given)
    {
        await page.GotoAsync(app.BaseUrl + "/Referrals");
        return await page.Locator("#referrals a.stretched", new() { HasTextString = given }).CountAsync();
    }

    [Fact]
    public async Task A_referral_and_a_register_taken_offline_are_sent_once_and_a_replayed_batch_creates_nothing()
    {
        var page = await PhoneAsync("ouchar.vbsw1", "/Programmes");
        await page.Locator("#programmes a.stretched").First.ClickAsync();
        await page.ClickAsync("#take-attendance");
        await page.WaitForURLAsync("**/Attendance");
        var attendanceUrl = page.Url;
        // The child marked absent offline, chosen online: one not absent the school day before, so that this
        // absence opens no follow-up (ProgrammeFlowTests counts the follow-ups of the same register).
        var day = PastWeekday(20);
        await page.GotoAsync(attendanceUrl + "?date=" + day);
        var enrolment = await page.Locator("li.hive-register-row:not(:has(.badge.text-bg-warning))").First.GetAttributeAsync("data-enrolment");
        // Pages seen online are kept (the phone also keeps them at each sync): the sync page and the forms.
        await page.GotoAsync(app.BaseUrl + "/Sync");
        await page.GotoAsync(app.BaseUrl + "/Referrals/New");
        await ShotAsync(page, "offline-referral-online");

        await page.Context.SetOfflineAsync(true);
        var given = UniqueKhmer();
        await FillReferralAsync(page, given);
        await page.ClickAsync("#referral-form button.btn-lg[type=submit]");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();
        (await PendingAsync(page)).ShouldBe(1);
        await page.Locator("#sync-status .sync-pending:not([hidden])").WaitForAsync();
        await ShotAsync(page, "offline-referral-saved-on-phone");

        // The register, opened with no signal: the service worker's copy, for a past school day chosen by address.
        await page.GotoAsync(attendanceUrl + "?date=" + day);
        await page.Locator($"li.hive-register-row[data-enrolment='{enrolment}'] label.hive-mark-absent").ClickAsync();
        await page.ClickAsync("#save-attendance");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();
        (await PendingAsync(page)).ShouldBe(2);
        await ShotAsync(page, "offline-register-saved-on-phone");
        var batch = await StoredBatchAsync(page);
        batch.ShouldContain("\"date\":\"" + day + "\"");

        await page.GotoAsync(app.BaseUrl + "/Sync");
        await Assertions.Expect(page.Locator("#sync-waiting-list li.sync-record")).ToHaveCountAsync(2);
        (await page.Locator("#sync-waiting-list li.sync-record").CountAsync()).ShouldBe(2);
        await ShotAsync(page, "offline-sync-waiting");

        await page.Context.SetOfflineAsync(false);
        await WaitUntilSentAsync(page);
        await page.ReloadAsync();
        await page.Locator("#sync-empty:not([hidden])").WaitForAsync();
        await ShotAsync(page, "offline-sync-sent");

        (await ReferralsNamedAsync(page, given)).ShouldBe(1);
        await page.GotoAsync(attendanceUrl + "?date=" + day);
        (await page.Locator($"li.hive-register-row[data-enrolment='{enrolment}'] input[value=Absent]").IsCheckedAsync()).ShouldBeTrue();

        // The same batch again, as a phone that never heard the answer would send it: nothing new.
        var statuses = await ReplayAsync(page, batch);
        statuses.ShouldAllBe(s => s == "alreadyApplied");
        (await ReferralsNamedAsync(page, given)).ShouldBe(1);
    }

    [Fact]
    public async Task A_sync_cut_off_after_the_server_applied_it_is_retried_and_creates_the_referral_once()
    {
        var page = await PhoneAsync("ouchar.vbsw1", "/Referrals/New");
        await page.Context.SetOfflineAsync(true);
        var given = UniqueKhmer();
        await FillReferralAsync(page, given);
        await page.ClickAsync("#referral-form button.btn-lg[type=submit]");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();

        // The server gets the batch and applies it, but the answer never reaches the phone.
        var cut = 0;
        var firstCut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.Context.RouteAsync("**/api/sync", async route =>
        {
            if (route.Request.Method != "POST") { await route.ContinueAsync(); return; }
            await route.FetchAsync();
            Interlocked.Increment(ref cut);
            await route.AbortAsync("connectionreset");
            firstCut.TrySetResult();
        });
        await page.Context.SetOfflineAsync(false);
        // Back online, the phone sends at once (the page's "online" and the worker's background sync).
        await firstCut.Task.WaitAsync(TimeSpan.FromMilliseconds(RunningApp.Timeout), TestContext.Current.CancellationToken);
        cut.ShouldBeGreaterThan(0);
        // The cut-off send has ended once the phone has noted its error; only then is the queue what it left.
        await UntilAsync(page, "HiveSync.status(document.body.dataset.user).then(s => !!s.lastError)");
        (await PendingAsync(page)).ShouldBe(1);

        await page.Context.UnrouteAllAsync();
        await page.GotoAsync(app.BaseUrl + "/Sync");
        await page.ClickAsync("#sync-now");
        await WaitUntilSentAsync(page);
        var found = await ReferralsNamedAsync(page, given);
        found.ShouldBe(1, $"referrals named {given} after {cut} cut-off answers");
    }

    [Fact]
    public async Task A_record_the_server_rejects_stays_on_the_phone_with_its_reason()
    {
        var page = await PhoneAsync("ouchar.vbsw1", "/Referrals/New");
        await page.Context.SetOfflineAsync(true);
        var given = UniqueKhmer();
        // No village: the online form would refuse it, and so does the sync.
        await FillReferralAsync(page, given, withVillage: false);
        await page.ClickAsync("#referral-form button.btn-lg[type=submit]");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();
        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync(app.BaseUrl + "/Sync");
        await page.ClickAsync("#sync-now");
        var rejected = page.Locator("#sync-problem-list li.sync-record[data-status=rejected]");
        await rejected.WaitForAsync();
        (await rejected.Locator(".sync-reason").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        // The header's badge is drawn from the phone's store after the list (its own promise): wait for it, then count.
        var badge = page.Locator("#sync-status .sync-rejected:not([hidden])");
        await badge.WaitForAsync();
        (await badge.CountAsync()).ShouldBe(1);
        await ShotAsync(page, "offline-sync-rejected");

        // Correct it on the kept form and send it again.
        await rejected.Locator("a.btn-primary").ClickAsync();
        await page.Locator("#offline-notice.alert-warning").WaitForAsync();
        await page.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        await ShotAsync(page, "offline-sync-correcting");
        await page.ClickAsync("#referral-form button.btn-lg[type=submit]");
        await page.WaitForURLAsync("**/Sync");
        await WaitUntilSentAsync(page);
        await UntilAsync(page, "HiveSync.list().then(rs => rs.length === 0)");
        (await ReferralsNamedAsync(page, given)).ShouldBe(1);
    }

    [Fact]
    public async Task A_session_edited_on_the_server_meanwhile_shows_both_versions_and_keep_mine_sends_it()
    {
        var page = await PhoneAsync("ouchar.member1", "/Community");
        await page.Locator("#activities a.stretched").First.ClickAsync();
        await page.Locator("#sessions").WaitForAsync();
        // A session no other test saves (ProgrammeFlowTests takes attendance of this activity's sessions too).
        var session = await ClaimFirstAsync(page.Locator("#sessions a"), href => "session:" + href);
        await page.GotoAsync(app.BaseUrl + session);
        await page.Locator("#session-form").WaitForAsync();
        var sessionUrl = page.Url;

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync(sessionUrl);
        await page.FillAsync("#g1", "3");
        await page.ClickAsync("#save-session");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();

        // Meanwhile someone with a signal saves the same session.
        var other = await PhoneAsync("ouchar.member1", new Uri(sessionUrl).AbsolutePath);
        await other.FillAsync("#notes", "ភ្ញៀវមកពីភូមិជិតខាង");
        await other.ClickAsync("#save-session");
        await other.Locator("#sessions").WaitForAsync();
        await other.Context.CloseAsync();

        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync(app.BaseUrl + "/Sync");
        await page.ClickAsync("#sync-now");
        var conflict = page.Locator("#sync-problem-list li.sync-record[data-status=conflict]");
        await conflict.WaitForAsync();
        (await conflict.Locator("table.hive-conflict tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await ShotAsync(page, "offline-sync-conflict");
        await conflict.Locator("button.btn-primary").ClickAsync();
        await UntilAsync(page, "HiveSync.list().then(rs => rs.length === 0)");
        await page.GotoAsync(sessionUrl);
        (await page.InputValueAsync("#g1")).ShouldBe("3");
    }

    [Fact]
    public async Task Signing_out_removes_the_caseload_and_kept_pages_from_the_phone()
    {
        var page = await PhoneAsync("ouchar.vbsw1", "/Sync");
        await page.ClickAsync("#sync-now");
        await UntilAsync(page, "HiveSync.readData(document.body.dataset.user).then(r => r.caseload !== null && r.caseload.length > 0)");
        await UntilAsync(page, "caches.keys().then(ks => ks.some(k => k.startsWith('hive-pages-')))");
        await page.Locator("#my-cases li.my-case").First.WaitForAsync();
        await ShotAsync(page, "offline-sync-my-work");

        await page.ClickAsync("#menu > summary");
        await page.ClickAsync("form[action='/Account/Logout'] button");
        await page.WaitForURLAsync("**/Account/Login");
        await UntilAsync(page, "HiveSync.readData('ouchar.vbsw1').then(r => r.caseload === null && r.rosters === null)");
        (await page.EvaluateAsync<bool>("caches.keys().then(ks => ks.some(k => k.startsWith('hive-pages-')))")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_note_posted_online_whose_connection_drops_is_kept_on_the_phone_with_its_form_id_and_sent_once()
    {
        var page = await PhoneAsync("ouchar.vbsw1", "/Cases");
        // A case no other test writes to (CaseFlowTests and SupportFlowTests add to cases of the same worker).
        var caseUrl = await ClaimFirstAsync(page.Locator("#cases a.stretched"), href => "case:" + href.Split('/')[^1]);
        await page.GotoAsync(app.BaseUrl + caseUrl + "/Notes/New");
        var clientId = await page.InputValueAsync("input[name=ClientId]");
        var text = "កំណត់ចំណាំ " + UniqueKhmer();
        await page.FillAsync("textarea[name='Input.Text']", text);
        // The post leaves the phone but the line drops: the service worker keeps the record, with the form's own id.
        await page.Context.RouteAsync("**/Notes/New", async route =>
        {
            if (route.Request.Method == "POST") await route.AbortAsync("connectionreset");
            else await route.ContinueAsync();
        });
        // The sync page sends what waits as soon as it opens: held back until the queue has been looked at, or the
        // note could be gone (sent) before the test sees it kept.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.Context.RouteAsync("**/api/sync", async route =>
        {
            if (route.Request.Method != "POST") { await route.ContinueAsync(); return; }
            await route.AbortAsync("connectionreset");
            held.TrySetResult();
        });
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync("**/Sync?saved=1");
        await page.Locator("#sync-saved:not([hidden])").WaitForAsync();
        (await page.EvaluateAsync<string>("HiveSync.list().then(rs => rs.map(r => r.kind + ':' + r.clientId).join())")).ShouldBe("caseNote:" + clientId);
        await ShotAsync(page, "offline-sync-saved-by-worker");

        // The page's own attempt has ended (its error noted) before "Send now", which would otherwise join it.
        await held.Task.WaitAsync(TimeSpan.FromMilliseconds(RunningApp.Timeout), TestContext.Current.CancellationToken);
        await UntilAsync(page, "HiveSync.status(document.body.dataset.user).then(s => !!s.lastError)");
        await page.Context.UnrouteAllAsync();
        await page.ClickAsync("#sync-now");
        await WaitUntilSentAsync(page);
        await page.GotoAsync(app.BaseUrl + caseUrl + "/Notes");
        (await page.Locator("main", new() { HasTextString = text }).CountAsync()).ShouldBe(1);
        (await page.Locator("text=" + text).CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Records_stay_on_the_phone_while_the_sign_in_has_expired_and_are_sent_after_signing_in_again()
    {
        var page = await PhoneAsync("ouchar.vbsw1", "/Referrals/New");
        await page.Context.SetOfflineAsync(true);
        var given = UniqueKhmer();
        await FillReferralAsync(page, given);
        await page.ClickAsync("#referral-form button.btn-lg[type=submit]");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();

        // The sign-in expires while the phone is offline.
        await page.Context.ClearCookiesAsync();
        await page.Context.SetOfflineAsync(false);
        await UntilAsync(page, "HiveSync.status(document.body.dataset.user).then(s => s.signIn && s.pending === 1)");
        (await page.InnerTextAsync("#sync-status .sync-state")).ShouldNotBeNullOrWhiteSpace();
        await page.Locator("#sync-status.hive-sync-warn").WaitForAsync();
        await ShotAsync(page, "offline-sync-sign-in-again");

        await page.GotoAsync(app.BaseUrl + "/Sync");
        await app.SignInAsync(page, "ouchar.vbsw1");
        await page.WaitForURLAsync("**/Sync");
        await WaitUntilSentAsync(page);
        (await ReferralsNamedAsync(page, given)).ShouldBe(1);
    }

    /// <summary>The first of these links whose record this test can claim (see <see cref="RunningApp.Claim"/>).</summary>
    private async Task<string> ClaimFirstAsync(ILocator links, Func<string, string> record)
    {
        await links.First.WaitForAsync();
        foreach (var href in await links.EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
            if (app.Claim(record(href))) return href;
        throw new InvalidOperationException("Every record listed is taken by another test.");
    }

    /// <summary>A weekday some days before the commune's today (the app's clock starts at <see cref="RunningApp.ClockStart"/>).</summary>
    private static string PastWeekday(int daysAgo)
    {
        var day = RunningApp.CommuneToday.AddDays(-daysAgo);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(-1);
        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
