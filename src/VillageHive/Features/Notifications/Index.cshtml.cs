using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Notifications;

/// <summary>
/// The signed-in person's notifications, newest first: a tap opens the thing to act on and marks it read; one or all
/// can be marked read. Nobody reaches another person's: every query is filtered by the caller's user name (404).
/// </summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Notification> Rows { get; private set; } = [];
    public int Unread { get; private set; }
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        var mine = db.Notifications.AsNoTracking().Where(n => n.Recipient == me.UserName);
        var counts = await mine.GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Unread = g.Count(n => n.ReadAt == null) })
            .FirstOrDefaultAsync();
        Unread = counts?.Unread ?? 0;
        Rows = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Pager = new Pager(PageNumber, PageSize, counts?.Total ?? 0, n => Url.Page("Index", new { p = n })!);
    }

    /// <summary>One tap: marks it read and goes to the thing to act on.</summary>
    public async Task<IActionResult> OnPostOpenAsync(int id)
    {
        var n = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Recipient == me.UserName);
        if (n is null) return NotFound();
        await MarkAsync(db.Notifications.Where(x => x.Id == id));
        return this.RedirectTo(n);
    }

    public async Task<IActionResult> OnPostReadAsync(int id)
    {
        if (await MarkAsync(db.Notifications.Where(x => x.Id == id)) == 0
            && !await db.Notifications.AnyAsync(x => x.Id == id && x.Recipient == me.UserName))
            return NotFound();
        return RedirectToPage("/Notifications/Index", new { p = PageNumber > 1 ? PageNumber : (int?)null });
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await MarkAsync(db.Notifications);
        return RedirectToPage("/Notifications/Index");
    }

    /// <summary>
    /// Reading is the recipient's own bookkeeping, not a change to a record: one UPDATE, only of the caller's unread
    /// rows, outside the audit log.
    /// </summary>
    private Task<int> MarkAsync(IQueryable<Notification> which)
    {
        var now = clock.UtcNow;
        return which.Where(x => x.Recipient == me.UserName && x.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, now));
    }
}
