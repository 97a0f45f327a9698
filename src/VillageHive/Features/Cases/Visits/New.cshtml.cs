using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Visits;

/// <summary>Records a home or school visit: who was seen, whether the child was seen alone, what was observed.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l, LinkGenerator links) : PageModel
{
    [BindProperty(Name = "Input")] public VisitInput Input { get; set; } = new();
    /// <summary>New per render; a second post of the same form lands on the first visit (see <see cref="SyncRunner"/>).</summary>
    [BindProperty] public Guid ClientId { get; set; }

    public int Id { get; private set; }
    public bool Frozen { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = !header.TakesWork;
        Input.VisitedOn = clock.Today;
        ClientId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        Id = id;
        Frozen = !header.TakesWork;
        if (!ModelState.IsValid) return Page();
        var record = SyncRecord.Online(ClientId, SyncKinds.Visit, me.UserName, clock.UtcNow);
        var outcome = await SyncRunner.RunAsync(db, l, record, () => CaseCapture.VisitAsync(db, me, l, clock, links, id, Input, record));
        if (this.Refusal(outcome, Page) is { } refused) return refused;
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/CasePage/Details", pageHandler: null, new { id }, "visits");
    }
}
