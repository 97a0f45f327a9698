using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Admin.Users;

/// <summary>The user accounts the caller may manage: everyone for an Administrator, the commune's for a CCWC.</summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public string? Role { get; set; }

    /// <summary>"active", "inactive" or empty for both.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public UserAdminSetting Setting { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, PageSize, 0, _ => "");

    public sealed record Row(string Id, string UserName, string DisplayName, string? Role, Scope Scope, bool IsActive, bool LockedOut, bool TwoFactor, DateTime? LastSignInAt);

    public async Task OnGetAsync()
    {
        if (Query is { Length: > 100 }) Query = Query[..100];
        PageNumber = Pager.Clamp(PageNumber);
        Setting = await UserAdminSetting.LoadAsync(db, me);
        var users = Setting.ManageableUsers(db).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            // User names are compared through Identity's upper-case form; display names through lower case,
            // which both databases apply to Latin letters (Khmer has no case).
            var upper = Query.Trim().ToUpperInvariant();
            var lower = Query.Trim().ToLowerInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
        }
        if (Role is not null && Setting.RoleIds.TryGetValue(Role, out var roleId))
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        users = Status switch
        {
            "active" => users.Where(u => u.IsActive),
            "inactive" => users.Where(u => !u.IsActive),
            _ => users,
        };
        var total = await users.CountAsync();
        users = Sort switch
        {
            "display" => users.OrderBy(u => u.DisplayName).ThenBy(u => u.NormalizedUserName),
            "recent" => users.OrderByDescending(u => u.LastSignInAt.HasValue).ThenByDescending(u => u.LastSignInAt).ThenBy(u => u.NormalizedUserName),
            _ => users.OrderBy(u => u.NormalizedUserName),
        };
        var page = await users.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.ScopeLevel, u.ScopeAreaIds, u.IsActive, u.LockoutEnd, u.TwoFactorEnabled, u.LastSignInAt,
                RoleId = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => ur.RoleId).FirstOrDefault(),
            })
            .ToListAsync();
        // LockoutEnd is compared here: SQLite cannot compare DateTimeOffset values in SQL.
        var now = new DateTimeOffset(clock.UtcNow);
        Rows = page.Select(u => new Row(u.Id, u.UserName ?? "", u.DisplayName, Setting.RoleName(u.RoleId), new Scope(u.ScopeLevel, u.ScopeAreaIds),
            u.IsActive, u.LockoutEnd > now, u.TwoFactorEnabled, u.LastSignInAt)).ToList();
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("Index", new { q = Query, role = Role, status = Status, sort = Sort, p })!);
    }
}
