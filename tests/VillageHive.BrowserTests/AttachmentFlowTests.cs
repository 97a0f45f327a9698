using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// A consent with a thumbprint (issue 23 part 3), on a phone in Khmer: the worker records a household's answer, opens
/// the consent's page, takes a photo of the signed paper (a large picture: made smaller on the phone before it is
/// sent) and sees it on the consent page, served through /Attachments.
/// </summary>
public sealed class AttachmentFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [Fact]
    public async Task A_worker_photographs_the_signed_consent_and_sees_it_on_the_consent_page()
    {
        var page = await app.SignedInAtAsync("ouchar.vbsw1", "/Registry/Households?p=3");
        var hrefs = await page.Locator("#households a.stretched").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        var household = hrefs.First(h => app.Claim("household:" + h.Split('/')[^1]));
        await page.GotoAsync(app.BaseUrl + household + "/Outcomes");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("km");

        // The answer, as the family gave it on paper.
        await page.SelectOptionAsync("#Consent_Use", "Research");
        await page.SelectOptionAsync("#Consent_Given", "true");
        await page.FillAsync("#Consent_Said", "ម្ដាយយល់ព្រម ផ្ដិតមេដៃលើក្រដាស");
        await page.ClickAsync("#consent-form button[type=submit]");
        await page.WaitForURLAsync("**/Outcomes#consent");
        await page.ClickAsync("#consent-history tbody tr:first-child a.consent-paper");
        await page.WaitForURLAsync("**/Attachments/Of/Consent/*");
        await Assertions.Expect(page.Locator("#consent-facts")).ToContainTextAsync("ម្ដាយយល់ព្រម");
        await Assertions.Expect(page.Locator("#no-attachments")).ToBeVisibleAsync();

        // A phone photo: 3000 × 2000 pixels, drawn by the browser itself.
        var dataUrl = await page.EvaluateAsync<string>("""
            () => {
                const c = document.createElement('canvas');
                c.width = 3000; c.height = 2000;
                const g = c.getContext('2d');
                g.fillStyle = '#f4efe1'; g.fillRect(0, 0, 3000, 2000);
                g.fillStyle = '#1d3557'; g.font = '160px sans-serif'; g.fillText('ការយល់ព្រម', 300, 500);
                for (let i = 0; i < 40; i++) { g.fillStyle = `hsl(${i * 9}, 60%, 50%)`; g.fillRect(100 + i * 70, 900 + (i % 7) * 90, 60, 300); }
                g.fillStyle = '#7a1f1f'; g.beginPath(); g.ellipse(2400, 1500, 180, 240, 0.3, 0, Math.PI * 2); g.fill();
                return c.toDataURL('image/png');
            }
            """);
        var original = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "IMG_20261202_1003.png", MimeType = "image/png", Buffer = original });
        // The resize runs on the phone before anything is sent.
        await page.WaitForFunctionAsync("() => document.getElementById('attachment-form').hasAttribute('data-resized')");
        var resized = await page.GetAttributeAsync("#attachment-form", "data-resized");
        resized.ShouldNotBe("no");
        await Assertions.Expect(page.Locator("#attachment-resize")).ToBeVisibleAsync();
        await page.FillAsync("#Input_Caption", "ក្រដាសយល់ព្រមដែលមានស្នាមមេដៃ");
        await page.ClickAsync("#attachment-form button[type=submit]");

        // Back on the consent's page: the photo is there, served through the app, at most 1600 px on its longest side.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#attachments img.hive-attachment-img'); return !!i && i.complete && i.naturalWidth > 0; }");
        var (width, height) = (await page.EvaluateAsync<int>("() => document.querySelector('#attachments img').naturalWidth"),
            await page.EvaluateAsync<int>("() => document.querySelector('#attachments img').naturalHeight"));
        width.ShouldBe(1600);
        height.ShouldBe(1067);
        (await page.GetAttributeAsync("#attachments img", "src"))!.ShouldStartWith("/Attachments/");
        await Assertions.Expect(page.Locator("#attachments")).ToContainTextAsync("ក្រដាសយល់ព្រមដែលមានស្នាមមេដៃ");
        await Assertions.Expect(page.Locator("#attachments")).ToContainTextAsync("IMG_20261202_1003.jpg");
        await RunningApp.FitsAndShootAsync(page, "consent-paper");
    }
}
