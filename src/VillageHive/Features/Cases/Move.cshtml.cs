using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// Moves a case to another status after <see cref="CaseWorkflow.Refusal"/> allows it. Closing, transfer and
/// reopening need more than a reason and have their own pages.
/// </summary>
// CaseRead, not CaseWork: a case id outside the user's cases is a 404 before anything else; the page checks MayWork.
[Authorize(Policy = Policies.CaseRead)]
public sealed class MoveModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "to")] public CaseStatus? To { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    public CaseHeading Heading { get; private set; } = null!;
    public CaseMove? Move { get; private set; }
    public IReadOnlyList<CaseMove> Offered { get; private set; } = [];
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        if (Move?.Screen is { } screen) return RedirectToPage(ScreenPage(screen), new { id });
        Version = header.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        await PrepareAsync(header);
        if (To is not { } to)
        {
            ModelState.AddModelError(nameof(To), l["Case.Move.Choose"]);
            return Page();
        }
        if (Move?.Screen is { } screen) return RedirectToPage(ScreenPage(screen), new { id });
        if (Reason is { Length: > 2000 }) ModelState.AddModelError(nameof(Reason), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        if (Version != header.Version)
        {
            Conflict = true;
            Version = header.Version;
            return Page();
        }
        var facts = await db.FactsAsync(id);
        var c = await db.Cases.FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, Version);
        if (db.TryMove(c, to, header.Actor, facts, me.UserName, TypedText.OrNull(Reason), clock.UtcNow) is { } refusal)
        {
            ModelState.AddModelError(refusal == "Case.Move.ReasonRequired" ? nameof(Reason) : "", l[refusal]);
            return Page();
        }
        if (!await db.TrySaveAsync())
        {
            Conflict = true;
            Version = (await db.LoadAsync(me, id))?.Version ?? Version;
            return Page();
        }
        TempData["Flash"] = string.Format(l["Case.Move.Done"], l.Label(to));
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }

    private async Task PrepareAsync(CaseHeader header)
    {
        Heading = await CaseHeading.LoadAsync(db, header);
        Offered = CaseWorkflow.MovesFrom(header.Status, header.Actor).ToList();
        Move = To is { } to ? CaseWorkflow.Find(header.Status, to) : null;
    }

    /// <summary>The page where a move that needs more than a reason is made (<see cref="CaseMove.Screen"/>).</summary>
    public static string ScreenPage(string screen) => screen switch
    {
        "close" => "/Cases/Close",
        "transfer" => "/Cases/Transfer",
        _ => "/Cases/Reopen",
    };
}
