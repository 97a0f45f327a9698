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

/// <summary>The district records the day a Hive entered its next stage (co-creation, operating with support, handed over, independent).</summary>
[Authorize(Policy = Policies.HiveRead)]
public sealed class StageModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), Display(Name = "Hives.StageFrom")]
    public DateOnly? On { get; set; }
    /// <summary>The stage the page offered: a stage recorded meanwhile by someone else is not skipped over.</summary>
    [BindProperty] public HiveStatus Next { get; set; }

    public HiveQueries.HiveRow Hive { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (HiveRules.Next(Hive.Status) is not { } next) return RedirectToPage("/Hives/Details", new { id });
        Next = next;
        On = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (!ModelState.IsValid) return Refused(StatusCodes.Status422UnprocessableEntity);
        var hive = await db.Hives.FirstOrDefaultAsync(h => h.CommuneId == id);
        if (hive is null)
        {
            hive = new Hive { CommuneId = id, Status = HiveStatus.Planned };
            db.Hives.Add(hive);
        }
        if (HiveRules.Advance(hive, Next, On!.Value, clock.Today) is { } refusal)
        {
            ModelState.AddModelError(refusal == "Hives.NotNextStage" ? "" : nameof(On), l[refusal]);
            return Refused(StatusCodes.Status422UnprocessableEntity);
        }
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Refused(StatusCodes.Status409Conflict);
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Hives/Details", new { id });
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var hive = (await HiveQueries.HivesAsync(db, me.Scope, clock.Today.Year, id)).FirstOrDefault();
        if (hive is null) return NotFound();
        if (!me.IsInAnyRole(Roles.HiveReviewers)) return Forbid();
        Hive = hive;
        return null;
    }
}
