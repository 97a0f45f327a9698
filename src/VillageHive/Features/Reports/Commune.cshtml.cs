using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Reports;

/// <summary>The annual commune impact report in the reader's language, printable on A4 and downloadable as a PDF.</summary>
[Authorize(Policy = Policies.ImpactReport)]
public sealed class CommuneModel(HiveDbContext db, CurrentUser me, ChromiumPdf chromium, IRazorViewEngine views,
    AuditLog audit, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ImpactReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int year)
    {
        var report = await ImpactReport.LoadAsync(db, me.Scope, id, year, clock);
        if (report is null) return NotFound();
        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, int year, CancellationToken ct)
    {
        var report = await ImpactReport.LoadAsync(db, me.Scope, id, year, clock);
        if (report is null) return NotFound();
        if (!chromium.Available)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, l["Report.PdfUnavailable"].Value);
        Report = report;
        var pdf = await chromium.RenderAsync(await this.RenderAsync(views, chromium, "/Features/Reports/_ReportDocument.cshtml"), ct);
        if (pdf is null)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, l["Report.PdfFailed"].Value);
        await audit.RecordAsync("Export", "ImpactReport", $"{id}/{year}", new { Format = "pdf" }, ct: ct);
        return File(pdf, "application/pdf", $"impact-report-{report.CommuneEn.Replace(' ', '-')}-{year}.pdf");
    }
}
