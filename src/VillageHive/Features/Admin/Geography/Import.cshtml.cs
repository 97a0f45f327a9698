using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data.Import;
using VillageHive.Domain;
using VillageHive.Features.Shared;

namespace VillageHive.Features.Admin.Geography;

/// <summary>
/// The official gazetteer (or a part of it) as CSV or XLSX: the upload is kept under a random id, its preview shows what
/// is new, renamed or gone (and what stays because records refer to it), and the import applies that same kept file.
/// </summary>
[RequestSizeLimit(ImportFileReader.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFileReader.MaxBytes + 64 * 1024)]
public sealed class ImportModel(GazetteerImporter importer, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "file")] public string? Token { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public GazetteerReport? Report { get; private set; }
    public IReadOnlyList<GazetteerPlan> Shown { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Token is null) return Page();
        if (KeptUpload.Find(Token) is not { } path)
        {
            Problem = l["Import.Expired"];
            Token = null;
            return Page();
        }
        if (KeptUpload.Read(path) is not { } sheet)
        {
            Problem = l["Import.BadFile"];
            return Page();
        }
        Report = await importer.RunAsync(sheet, save: false, HttpContext.RequestAborted);
        var lines = Report.Errors.Count > 0 ? Report.Errors.Count : Report.Changes.Count();
        PageNumber = Pager.Clamp(PageNumber);
        Pager = new Pager(PageNumber, PageSize, lines, n => Url.Page("Import", new { file = Token, p = n })!);
        Shown = Report.Changes.Skip((Pager.Page - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>Keeps the upload and shows its preview.</summary>
    public async Task<IActionResult> OnPostCheckAsync(IFormFile? upload)
    {
        var (token, problem) = await KeptUpload.KeepAsync(upload, clock.UtcNow, HttpContext.RequestAborted);
        if (token is null)
        {
            Problem = l[problem!];
            return Page();
        }
        return RedirectToPage("Import", new { file = token });
    }

    /// <summary>Imports the kept file; a file with errors goes back to its preview.</summary>
    public async Task<IActionResult> OnPostRunAsync()
    {
        if (Token is null || KeptUpload.Find(Token) is not { } path || KeptUpload.Read(path) is not { } sheet) return RedirectToPage("Import");
        var report = await importer.RunAsync(sheet, save: true, HttpContext.RequestAborted);
        if (!report.Saved) return RedirectToPage("Import", new { file = Token });
        KeptUpload.Delete(Token);
        TempData["Flash"] = string.Format(l["Gazetteer.Done"], report.Plan.Count(GazetteerChange.New), report.Plan.Count(GazetteerChange.Renamed), report.Plan.Count(GazetteerChange.Gone));
        return RedirectToPage("Index");
    }
}
