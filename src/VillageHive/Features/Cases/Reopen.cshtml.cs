using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>A supervisor reopens a closed case: the closure stays, marked reopened; the family is assessed again.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class ReopenModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    public CaseHeading Heading { get; private set; } = null!;
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.Actor.Supervisor) return Forbid();
        Heading = await CaseHeading.LoadAsync(db, header);
        Version = header.Version;
        if (header.Status != CaseStatus.Closed) ModelState.AddModelError("", l["Case.Reopen.NotClosed"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.Actor.Supervisor) return Forbid();
        Heading = await CaseHeading.LoadAsync(db, header);
        // Only a closed case reopens here; Refusal alone would also allow Open → Assessment, an ordinary move.
        if (header.Status != CaseStatus.Closed) ModelState.AddModelError("", l["Case.Reopen.NotClosed"]);
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), l["Case.Move.ReasonRequired"]);
        else if (Reason.Length > 2000) ModelState.AddModelError(nameof(Reason), l["Validation.TooLong"]);
        if (!ModelState.IsValid) return Page();
        if (Version != header.Version)
        {
            Conflict = true;
            Version = header.Version;
            return Page();
        }
        var now = clock.UtcNow;
        var facts = await db.FactsAsync(id);
        var c = await db.Cases.FirstAsync(x => x.Id == id);
        db.ExpectVersion(c, Version);
        if (db.TryMove(c, CaseStatus.Assessment, header.Actor, facts, me.UserName, Reason!.Trim(), now) is { } refusal)
        {
            ModelState.AddModelError(refusal == "Case.Move.ReasonRequired" ? nameof(Reason) : "", l[refusal]);
            return Page();
        }
        var closure = await db.CaseClosures.Where(x => x.CaseId == id && x.Status == ClosureStatus.Approved).OrderByDescending(x => x.Id).FirstOrDefaultAsync();
        if (closure is not null)
        {
            closure.ReopenedAt = now;
            closure.ReopenedBy = me.UserName;
            closure.ReopenReason = Reason!.Trim();
        }
        if (!await db.TrySaveAsync())
        {
            Conflict = true;
            return Page();
        }
        TempData["Flash"] = l["Case.Reopen.Done"].Value;
        return RedirectToPage("/Cases/CasePage/Details", new { id });
    }
}
