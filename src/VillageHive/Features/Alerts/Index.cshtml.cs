using VillageHive.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Alerts;

/// <summary>The alerts of the caller's communes, open ones first; acknowledging says "someone has taken charge".</summary>
[Authorize(Policy = Policies.Alerts)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AlertQueries.AlertRow> Rows { get; private set; } = [];
    public int Open { get; private set; }
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        var q = db.AlertsIn(me.Scope).AsNoTracking();
        var counts = await q.GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Open = g.Count(a => a.AcknowledgedAt == null) })
            .FirstOrDefaultAsync();
        Open = counts?.Open ?? 0;
        Rows = await q.OrderBy(a => a.AcknowledgedAt == null ? 0 : 1).ThenByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Rows(db)
            .ToListAsync();
        Pager = new Pager(PageNumber, PageSize, counts?.Total ?? 0, n => Url.Page("Index", new { p = n })!);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(int id)
    {
        var alert = await db.AlertsIn(me.Scope).FirstOrDefaultAsync(a => a.Id == id);
        if (alert is null) return NotFound();
        // A second acknowledgement (two tabs, two colleagues) keeps the first one's name and time.
        if (alert.AcknowledgedAt is null)
        {
            alert.AcknowledgedBy = me.UserName;
            alert.AcknowledgedAt = clock.UtcNow;
            await db.SaveChangesAsync();
        }
        TempData["Flash"] = l["Alerts.Acknowledged"].Value;
        return RedirectToPage();
    }
}
