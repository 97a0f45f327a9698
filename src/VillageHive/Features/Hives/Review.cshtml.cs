using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Hives;

/// <summary>The district reviews an item the commune confirmed: the evidence as it was when shown (its version).</summary>
[Authorize(Policy = Policies.HiveRead)]
public sealed class ReviewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required")] public int? Version { get; set; }

    public HiveQueries.HiveRow Hive { get; private set; } = null!;
    public ReadinessItem Item { get; private set; }
    public ReadinessConfirmation Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string item)
    {
        if (await LoadAsync(id, item) is { } refused) return refused;
        Version = Current.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string item)
    {
        if (await LoadAsync(id, item) is { } refused) return refused;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var row = await db.ReadinessConfirmations.FirstAsync(r => r.Id == Current.Id);
        row.ReviewedBy = me.UserName;
        row.ReviewedAt = clock.UtcNow;
        db.ExpectVersion(row, Version!.Value);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Flash"] = l["Hives.ReviewSaved"].Value;
        return RedirectToPage("/Hives/Details", null, new { id }, "readiness");
    }

    private async Task<IActionResult?> LoadAsync(int id, string item)
    {
        if (!HiveItems.TryParse(item, out var parsed)) return NotFound();
        var hive = (await HiveQueries.HivesAsync(db, me.Scope, clock.Today.Year, id)).FirstOrDefault();
        if (hive is null) return NotFound();
        if (!me.IsInAnyRole(Roles.HiveReviewers)) return Forbid();
        var current = await db.ReadinessConfirmations.AsNoTracking().FirstOrDefaultAsync(r => r.CommuneId == id && r.Item == parsed);
        // Nothing confirmed yet: nothing to review.
        if (current is null) return NotFound();
        (Hive, Item, Current) = (hive, parsed, current);
        return null;
    }
}
