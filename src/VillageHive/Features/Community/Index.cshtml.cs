using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Community;

/// <summary>Community activities in the user's villages, and the month's calendar of sessions per village.</summary>
[Authorize(Policy = Policies.ActivityRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public int? Village { get; set; }
    [BindProperty(SupportsGet = true)] public ActivityType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    public DateOnly MonthStart { get; private set; }
    public IReadOnlyList<RegistryQueries.VillageOption> Villages { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<CalendarDay> Calendar { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public sealed record Row(int Id, string Title, ActivityType Type, string Topic, string Facilitator, int Sessions, DateOnly? Last);
    public sealed record CalendarDay(DateOnly Date, IReadOnlyList<CalendarSession> Sessions);
    public sealed record CalendarSession(int Id, string Title, ActivityType Type, string VillageKm, string VillageEn, string? Place);

    public async Task<IActionResult> OnGetAsync(int page = 1)
    {
        page = Pager.Clamp(page);
        var today = clock.Today;
        MonthStart = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && m.Year is > 2000 and < 2100
            ? m : new DateOnly(today.Year, today.Month, 1);
        Villages = await db.VillageOptionsAsync(me.Scope);
        if (Village is { } v && Villages.All(o => o.Id != v)) Village = null;

        var activities = db.ActivitiesIn(me.Scope).AsNoTracking();
        if (Village is { } village) activities = activities.Where(a => a.Villages.Any(x => x.VillageId == village));
        if (Type is { } type) activities = activities.Where(a => a.Type == type);
        var total = await activities.CountAsync();
        Rows = await activities.OrderBy(a => a.Type).ThenBy(a => a.Title).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Type, a.Topic, a.Facilitator, a.Sessions.Count, a.Sessions.Max(s => (DateOnly?)s.Date)))
            .ToListAsync();
        Pager = new Pager(page, PageSize, total, n => Pager.WithPage(Url.Page("/Community/Index", new { village = Village, type = Type, month = MonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture) })!, n));

        var start = MonthStart;
        var end = MonthStart.AddMonths(1);
        var sessions = db.SessionsIn(me.Scope).AsNoTracking().Where(s => s.Date >= start && s.Date < end);
        if (Village is { } cv) sessions = sessions.Where(s => s.VillageId == cv);
        if (Type is { } ct) sessions = sessions.Where(s => s.Activity!.Type == ct);
        var list = await sessions.OrderBy(s => s.Date).ThenBy(s => s.Id).Take(300)
            .Select(s => new { s.Date, Item = new CalendarSession(s.Id, s.Activity!.Title, s.Activity.Type, s.Village!.NameKm, s.Village.NameEn, s.Place) })
            .ToListAsync();
        Calendar = list.GroupBy(s => s.Date).Select(g => new CalendarDay(g.Key, g.Select(x => x.Item).ToList())).ToList();
        return Page();
    }
}
