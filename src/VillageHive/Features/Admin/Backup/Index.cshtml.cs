using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Infrastructure.Backup;

namespace VillageHive.Features.Admin.Backup;

/// <summary>The backups in the backup folder, whether each was verified, and "back up now" (administrators only).</summary>
public sealed class IndexModel(BackupStore store, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "confirm")] public bool Confirming { get; set; }

    public IReadOnlyList<BackupInfo> Backups { get; private set; } = [];
    public BackupSettings Settings => store.Settings;
    public BackupWarnings Warnings { get; private set; } = null!;
    public (long Free, long Total)? Disk { get; private set; }

    public void OnGet() => Load();

    /// <summary>Takes a backup and verifies it while the administrator waits (a minute at most on a commune's data).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await store.TakeAndVerifyAsync(ct);
        if (outcome.Problem is null)
            TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, text["Backup.Taken"], outcome.Backup!.Name);
        else
            TempData["Problem"] = string.Format(CultureInfo.CurrentCulture, text["Backup.Failed"], outcome.Problem);
        return RedirectToPage();
    }

    private void Load()
    {
        Backups = store.List();
        Warnings = store.Warnings();
        Disk = store.Disk();
    }

    /// <summary>A size in the unit a person reads (KB, MB, GB).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1 << 20 => $"{bytes / 1024.0:0.#} KB",
        < 1 << 30 => $"{bytes / (1024.0 * 1024):0.#} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.#} GB",
    };
}
