using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// A photo taken with no signal (issue 23: "captured offline like a note and sent once"), on a phone in Khmer: the
/// worker opens the paper's page of a consent she has just recorded, loses the signal, photographs the signed paper,
/// sees it waiting on the phone, and once the signal is back it is sent once and shows on the page, served by the app.
/// </summary>
public sealed class AttachmentOfflineFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [Fact]
    public async Task A_photo_attached_offline_waits_on_the_phone_and_is_sent_once_when_the_signal_is_back()
    {
        // A consent of this test's own, on a household no other test takes.
        var page = await OfflineSyncTests.PhoneAsync(app, "ouchar.vbsw1", "/Registry/Households");
        await page.GotoAsync(app.BaseUrl + "/Registry/Households?p=3");
        var hrefs = await page.Locator("#households a.stretched").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        var household = hrefs.First(h => app.Claim("household:" + h.Split('/')[^1]));
        await page.GotoAsync(app.BaseUrl + household + "/Outcomes");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("km");
        await page.SelectOptionAsync("#Consent_Use", "Reports");
        await page.SelectOptionAsync("#Consent_Given", "true");
        await page.FillAsync("#Consent_Said", "ឪពុកយល់ព្រម ផ្ដិតមេដៃ");
        await page.ClickAsync("#consent-form button[type=submit]");
        await page.WaitForURLAsync("**/Outcomes#consent");
        await page.ClickAsync("#consent-history tbody tr:first-child a.consent-paper");
        await page.WaitForURLAsync("**/Attachments/Of/Consent/*");
        await Assertions.Expect(page.Locator("#no-attachments")).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null")).ShouldBeTrue();

        // No signal: the photo (drawn by the browser, made smaller and a JPEG on the phone) is kept in the phone's queue.
        await page.Context.SetOfflineAsync(true);
        var dataUrl = await page.EvaluateAsync<string>("""
            () => {
                const c = document.createElement('canvas');
                c.width = 1200; c.height = 900;
                const g = c.getContext('2d');
                g.fillStyle = '#fbf7ea'; g.fillRect(0, 0, 1200, 900);
                g.fillStyle = '#1d3557'; g.font = '90px sans-serif'; g.fillText('CONSENT', 120, 220);
                g.fillStyle = '#7a1f1f'; g.beginPath(); g.ellipse(900, 650, 90, 120, 0.3, 0, Math.PI * 2); g.fill();
                return c.toDataURL('image/png');
            }
            """);
        await page.SetInputFilesAsync("#attachment-file", new FilePayload
        {
            Name = "IMG_20261202_0915.png", MimeType = "image/png", Buffer = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]),
        });
        await page.WaitForFunctionAsync("() => document.getElementById('attachment-form').hasAttribute('data-resized')");
        await page.FillAsync("#Input_Caption", "ក្រដាសយល់ព្រម ថតពេលគ្មានសេវា");
        await page.ClickAsync("#attachment-form button[type=submit]");
        await page.Locator("#offline-notice.alert-success").WaitForAsync();
        (await OfflineSyncTests.PendingAsync(page)).ShouldBe(1);
        var queued = await page.EvaluateAsync<string>("() => HiveSync.list().then(rs => rs.map(r => r.kind + ':' + r.data.fileName).join(','))");
        queued.ShouldBe("attachment:IMG_20261202_0915.jpg");
        await page.Locator("#sync-status .sync-pending:not([hidden])").WaitForAsync();
        await Assertions.Expect(page.Locator("#no-attachments")).ToBeVisibleAsync();
        await RunningApp.FitsAndShootAsync(page, "attachment-offline-queued");

        // The signal is back: sent at once, and the phone's queue is empty.
        await page.Context.SetOfflineAsync(false);
        await OfflineSyncTests.WaitUntilSentAsync(page);

        // On the consent's page: exactly one file, the photo, served through the app.
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#attachments img.hive-attachment-img'); return !!i && i.complete && i.naturalWidth > 0; }");
        (await page.Locator("#attachments li.hive-attachment").CountAsync()).ShouldBe(1);
        (await page.EvaluateAsync<int>("() => document.querySelector('#attachments img').naturalWidth")).ShouldBe(1200);
        (await page.GetAttributeAsync("#attachments img", "src"))!.ShouldStartWith("/Attachments/");
        await Assertions.Expect(page.Locator("#attachments")).ToContainTextAsync("ក្រដាសយល់ព្រម ថតពេលគ្មានសេវា");
        await Assertions.Expect(page.Locator("#attachments")).ToContainTextAsync("IMG_20261202_0915.jpg");
        await RunningApp.FitsAndShootAsync(page, "attachment-offline-sent");
    }
}
