using System.Diagnostics;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// The MoSVY forms 1–6 of a demo case on a phone, in Khmer: a worker scores the child and the family (form 2), fills a
/// field the Hive lacks (form 1), prints each form at 390x844 and downloads each as a PDF, whose pages are turned into
/// images with pdftoppm (artifacts/screenshots/forms-pdf/) to be looked at.
/// </summary>
public sealed class FormsFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private static string PdfDir
    {
        get
        {
            var dir = Path.Combine(RunningApp.ArtifactsDir, "forms-pdf");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>The PDF's pages as PNG images at 60 dpi (pdftoppm from poppler-utils); returns how many pages.</summary>
    private static async Task<int> PagesAsImagesAsync(byte[] pdf, string name)
    {
        var file = Path.Combine(PdfDir, name + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        foreach (var old in Directory.GetFiles(PdfDir, name + "-*.png")) File.Delete(old);
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-png", "-r", "60", file, Path.Combine(PdfDir, name) }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start (install poppler-utils)");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, error);
        return Directory.GetFiles(PdfDir, name + "-*.png").Length;
    }

    [Fact]
    public async Task A_worker_scores_the_family_completes_a_field_and_prints_each_form_in_Khmer_and_as_pdf()
    {
        // A Svay Pao case: Ou Char's workers' few demo cases are claimed by the other flow tests.
        var page = await app.SignedInAtAsync("svaypao.vbsw1", "/Cases?mine=true");
        var caseUrl = app.BaseUrl + await app.ClaimCaseAsync(page, "Planning", "Assessment", "Review", "ActiveSupport");
        await page.GotoAsync(caseUrl);
        await page.ClickAsync("#forms-link");
        await page.WaitForURLAsync("**/Forms");
        await page.Locator("#form-6").WaitForAsync();
        await RunningApp.FitsAndShootAsync(page, "forms-list");

        // Form 2: every domain scored, 3 for the child and 2 for the family (33 + 24 = 57: the advice says it could close).
        await page.ClickAsync("#score-form-2");
        await page.WaitForURLAsync("**/Forms/Scores");
        foreach (var fieldset in await page.Locator("fieldset.hive-score-row").AllAsync())
        {
            var domain = (await fieldset.GetAttributeAsync("id"))!["domain-".Length..];
            await page.Locator($"label[for='score-{domain}-{(domain.StartsWith("Child", StringComparison.Ordinal) ? 3 : 2)}']").ClickAsync();
        }
        await page.FillAsync("input[name='Comments[ChildFood]']", "ញ៉ាំបាយពីរពេលក្នុងមួយថ្ងៃ ហើយមិនសូវមានបន្លែ ឬត្រីទេ ជាពិសេសនៅរដូវប្រាំង (eats twice a day)");
        await RunningApp.FitsAndShootAsync(page, "forms-scoring");
        await page.Locator("#save-scoring").PressAsync("Enter");
        await page.WaitForURLAsync("**/Forms/2");
        (await page.InnerTextAsync("#score-total")).ShouldContain("57");

        // Form 1: the case worker's view, a long text that must wrap in its box.
        await page.GotoAsync(page.Url.Replace("/Forms/2", "/Forms/1/Edit", StringComparison.Ordinal));
        var view = string.Join(" ", Enumerable.Repeat("កុមារត្រូវការមនុស្សពេញវ័យម្នាក់នៅផ្ទះពេលយប់ និងជំនួយថ្លៃសិក្សា ដើម្បីបន្តការសិក្សានៅសាលាបឋមសិក្សា។", 12));
        await page.FillAsync("#answer-WorkerView", view);
        await page.FillAsync("#answer-Interviewees", "ជីដូន និងកុមារ");
        await page.Locator("#save-answers").PressAsync("Enter");
        await page.WaitForURLAsync("**/Forms/1");
        (await page.InnerTextAsync("#answer-WorkerView")).ShouldContain("ជំនួយថ្លៃសិក្សា");

        var formsUrl = page.Url[..page.Url.LastIndexOf("/Forms/", StringComparison.Ordinal)] + "/Forms";
        for (var n = 1; n <= 6; n++)
        {
            await page.GotoAsync($"{formsUrl}/{n}");
            await page.Locator("#mosvy-form").WaitForAsync();
            (await page.GetAttributeAsync("html", "lang")).ShouldBe("km");
            (await page.InnerTextAsync("#form-title")).ShouldStartWith($"ទម្រង់ទី{"០១២៣៤៥៦"[n]}");
            await RunningApp.FitsAndShootAsync(page, $"form-{n}");

            var response = await page.Context.APIRequest.GetAsync($"{formsUrl}/{n}/Pdf");
            response.Status.ShouldBe(200, $"form {n} PDF");
            response.Headers["content-type"].ShouldBe("application/pdf");
            var pages = await PagesAsImagesAsync(await response.BodyAsync(), $"form-{n}-km");
            pages.ShouldBeGreaterThanOrEqualTo(1, $"form {n}");
        }

        // The case page charts the scores; the closure page gives the advice and nothing more.
        await page.GotoAsync(caseUrl);
        await page.Locator("#wellbeing-chart svg.hive-svgchart").WaitForAsync();
        await page.GotoAsync(caseUrl + "/Close");
        (await page.InnerTextAsync("#closure-advice")).ShouldContain("ពិន្ទុបង្ហាញថាករណីអាចបិទបាន");

        // The same form in English, for the PDF of the other language.
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = app.BaseUrl }]);
        var english = await page.Context.APIRequest.GetAsync($"{formsUrl}/2/Pdf");
        english.Status.ShouldBe(200);
        (await PagesAsImagesAsync(await english.BodyAsync(), "form-2-en")).ShouldBeGreaterThanOrEqualTo(1);
    }
}
