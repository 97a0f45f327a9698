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

namespace VillageHive.Features.Cases.Forms;

/// <summary>
/// One MoSVY form of a case, filled from the case, laid out for A4 (print it from the browser) and as a PDF printed by
/// the server's Chromium (as the commune report is, decision 0006).
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class SheetModel(HiveDbContext db, CurrentUser me, HiveClock clock, ChromiumPdf chromium, IRazorViewEngine views, AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public CaseHeader Header { get; private set; } = null!;
    public FormSheet Sheet { get; private set; } = null!;
    public int Number { get; private set; }
    public DateOnly Today { get; private set; }

    private async Task<bool> LoadAsync(int id, int n)
    {
        if (!MosvyForms.Exists(n)) return false;
        var header = await db.LoadAsync(me, id);
        if (header is null) return false;
        Header = header;
        Number = n;
        Today = clock.Today;
        Sheet = await FormSheet.LoadAsync(db, id, Today);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, int n)
    {
        if (!await LoadAsync(id, n)) return NotFound();
        await audit.RecordReadAsync("Case", id);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, int n, CancellationToken ct)
    {
        if (!await LoadAsync(id, n)) return NotFound();
        if (!chromium.Available)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, l["Report.PdfUnavailable"].Value);
        var pdf = await chromium.RenderAsync(await this.RenderAsync(views, chromium, "/Features/Cases/Forms/_FormDocument.cshtml"), ct);
        if (pdf is null)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, l["Report.PdfFailed"].Value);
        await audit.RecordAsync("Export", "CaseForm", $"{id}/{n}", new { Format = "pdf" }, ct: ct);
        return File(pdf, "application/pdf", $"case-{id}-mosvy-form-{n}.pdf");
    }
}
