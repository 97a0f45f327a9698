using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Hives;

/// <summary>
/// The commune confirms one readiness item with its evidence (the CCWC or a commune official of that commune). A new
/// confirmation replaces the evidence and asks the district to review it again; the audit chain keeps the earlier ones.
/// </summary>
[Authorize(Policy = Policies.HiveRead)]
public sealed class ItemModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public int Version { get; set; }

    public HiveQueries.HiveRow Hive { get; private set; } = null!;
    public ReadinessItem Item { get; private set; }
    public ReadinessConfirmation? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string item)
    {
        if (await LoadAsync(id, item) is { } refused) return refused;
        Evidence = Current?.Evidence;
        Version = Current?.Version ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string item)
    {
        if (await LoadAsync(id, item) is { } refused) return refused;
        var text = Evidence?.Trim();
        if (string.IsNullOrEmpty(text)) ModelState.AddModelError(nameof(Evidence), l["Hives.EvidenceRequired"]);
        else if (text.Length > ReadinessConfirmation.MaxEvidence) ModelState.AddModelError(nameof(Evidence), l["Validation.TooLong"]);
        else if (text.Any(ch => char.IsControl(ch) && ch is not ('\r' or '\n' or '\t'))) ModelState.AddModelError(nameof(Evidence), l["Validation.Invalid"]);
        if (!ModelState.IsValid) return Refused(StatusCodes.Status422UnprocessableEntity);
        var row = await db.ReadinessConfirmations.FirstOrDefaultAsync(r => r.CommuneId == id && r.Item == Item);
        if (row is null)
        {
            row = new ReadinessConfirmation { CommuneId = id, Item = Item };
            db.ReadinessConfirmations.Add(row);
        }
        else
        {
            db.ExpectVersion(row, Version);
        }
        row.Evidence = text!;
        row.ConfirmedBy = me.UserName;
        row.ConfirmedAt = clock.UtcNow;
        row.ReviewedBy = null;
        row.ReviewedAt = null;
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Refused(StatusCodes.Status409Conflict);
        }
        TempData["Flash"] = l["Hives.ConfirmSaved"].Value;
        return RedirectToPage("/Hives/Details", null, new { id }, "readiness");
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>404 for a commune outside the scope or an unknown item, then 403 for those who do not confirm.</summary>
    private async Task<IActionResult?> LoadAsync(int id, string item)
    {
        if (!HiveItems.TryParse(item, out var parsed)) return NotFound();
        var hive = (await HiveQueries.HivesAsync(db, me.Scope, clock.Today.Year, id)).FirstOrDefault();
        if (hive is null) return NotFound();
        if (!me.IsInAnyRole(Roles.HiveConfirmers)) return Forbid();
        Hive = hive;
        Item = parsed;
        Current = await db.ReadinessConfirmations.AsNoTracking().FirstOrDefaultAsync(r => r.CommuneId == id && r.Item == parsed);
        return null;
    }
}

/// <summary>A readiness item in an address is its name ("BudgetLine"), never a number.</summary>
public static class HiveItems
{
    public static bool TryParse(string? text, out ReadinessItem item)
    {
        item = default;
        return text is not null && Enum.GetNames<ReadinessItem>().Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, out item);
    }
}
