using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Data.Import;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Import;

/// <summary>
/// Import households and persons from CSV or XLSX: the upload is kept on the server under a random id, checked (a dry
/// run of every row, paged), its columns mapped, and imported from that same kept file, so what is saved is exactly
/// what was checked.
/// </summary>
[RequestSizeLimit(ImportFileReader.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFileReader.MaxBytes + 64 * 1024)]
public sealed class IndexModel(HiveDbContext db, HouseholdImporter importer, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "file")] public string? Token { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ImportReport? Report { get; private set; }
    public ImportColumns? Columns { get; private set; }
    public int RowCount { get; private set; }
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");
    public string? Problem { get; private set; }

    /// <summary>The file lacks a column every import needs: the mapping is shown open.</summary>
    public bool MappingIncomplete => Columns is { } c
        && (c.IndexOf(ImportField.HouseholdId) is null || c.IndexOf(ImportField.Village) is null || c.IndexOf(ImportField.RelationToHead) is null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Token is null) return Page();
        if (KeptUpload.Find(Token) is not { } path)
        {
            Problem = l["Import.Expired"];
            Token = null;
            return Page();
        }
        var sheet = Read(path);
        if (sheet is null) return Page();
        Columns = await MappingAsync(sheet);
        Report = await importer.RunAsync(sheet, Columns, me.Scope, null, save: false, HttpContext.RequestAborted);
        RowCount = sheet.Rows.Count;
        PageNumber = Pager.Clamp(PageNumber);
        Pager = new Pager(PageNumber, PageSize, Math.Max(Report.Rows.Count, Report.Errors.Count), n => Url.Page("Index", new { file = Token, p = n })!);
        return Page();
    }

    /// <summary>Keeps the upload and shows its dry run.</summary>
    public async Task<IActionResult> OnPostCheckAsync(IFormFile? upload)
    {
        var (token, problem) = await KeptUpload.KeepAsync(upload, clock.UtcNow, HttpContext.RequestAborted);
        if (token is null)
        {
            Problem = l[problem!];
            return Page();
        }
        return RedirectToPage("Index", new { file = token });
    }

    /// <summary>Saves the columns chosen for the file's headers (kept for the next file) and checks it again.</summary>
    public async Task<IActionResult> OnPostMappingAsync(string[] map)
    {
        if (Token is null || KeptUpload.Find(Token) is not { } path) return RedirectToPage("Index");
        var sheet = Read(path);
        if (sheet is null) return Page();
        // Only the columns chosen here; the first column chosen for a field takes it.
        var chosen = new Dictionary<ImportField, int>();
        for (var i = 0; i < sheet.Headers.Count && i < (map?.Length ?? 0); i++)
            if (Enum.TryParse<ImportField>(map![i], out var f) && Enum.IsDefined(f) && sheet.Headers[i].Length > 0)
                chosen.TryAdd(f, i);
        var columns = new ImportColumns(sheet.Headers, chosen);
        var saved = await db.ImportMappings.FirstOrDefaultAsync(m => m.Kind == HouseholdImporter.Kind);
        if (saved is null) db.ImportMappings.Add(saved = new SavedImportMapping { Kind = HouseholdImporter.Kind, Columns = "", SetBy = "" });
        saved.Columns = columns.Serialise();
        saved.SetBy = me.UserName;
        saved.SetAt = clock.UtcNow;
        await db.SaveChangesAsync();
        return RedirectToPage("Index", new { file = Token });
    }

    /// <summary>Imports the kept file in one transaction; with errors, nothing is saved and the check is shown again.</summary>
    public async Task<IActionResult> OnPostRunAsync()
    {
        if (Token is null || KeptUpload.Find(Token) is not { } path) return RedirectToPage("Index");
        var sheet = Read(path);
        if (sheet is null) return Page();
        var report = await importer.RunAsync(sheet, await MappingAsync(sheet), me.Scope, null, save: true, HttpContext.RequestAborted);
        if (!report.Saved) return RedirectToPage("Index", new { file = Token });
        KeptUpload.Delete(Token);
        TempData["Flash"] = string.Format(l["Import.Done"], report.Count(ImportOutcome.New), report.Count(ImportOutcome.Updated), report.Count(ImportOutcome.Unchanged));
        return RedirectToPage("Index");
    }

    private ImportSheet? Read(string path)
    {
        var sheet = KeptUpload.Read(path);
        if (sheet is null) Problem = l["Import.BadFile"];
        return sheet;
    }

    private async Task<ImportColumns> MappingAsync(ImportSheet sheet)
    {
        var saved = await db.ImportMappings.AsNoTracking().Where(m => m.Kind == HouseholdImporter.Kind).Select(m => m.Columns).FirstOrDefaultAsync();
        return ImportColumns.Map(sheet.Headers, ImportColumns.ParseSaved(saved));
    }
}
