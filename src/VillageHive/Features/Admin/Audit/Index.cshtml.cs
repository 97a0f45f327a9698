using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Admin.Audit;

/// <summary>The audit log for administrators: who did what to which record, with filters.</summary>
public sealed class IndexModel(HiveDbContext db, HiveClock clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "id")] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionName { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Types { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public async Task OnGetAsync()
    {
        PageNumber = Pager.Clamp(PageNumber);
        Types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(t => t).ToListAsync();
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(UserName)) q = q.Where(a => a.UserName == UserName.Trim());
        if (!string.IsNullOrWhiteSpace(EntityType)) q = q.Where(a => a.EntityType == EntityType);
        if (!string.IsNullOrWhiteSpace(EntityId)) q = q.Where(a => a.EntityId == EntityId.Trim());
        if (!string.IsNullOrWhiteSpace(ActionName)) q = q.Where(a => a.Action == ActionName);
        if (From is { } f) { var start = clock.StartOfDayUtc(f); q = q.Where(a => a.At >= start); }
        if (To is { } t) { var end = clock.StartOfDayUtc(t.AddDays(1)); q = q.Where(a => a.At < end); }
        var total = await q.CountAsync();
        var rows = await q.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        Rows = rows.Select(AuditHistory.ToRow).ToList();
        Pager = new Pager(PageNumber, PageSize, total,
            n => Url.Page("Index", new { user = UserName, type = EntityType, id = EntityId, action = ActionName, from = From?.ToString("yyyy-MM-dd"), to = To?.ToString("yyyy-MM-dd"), p = n })!);
    }
}
