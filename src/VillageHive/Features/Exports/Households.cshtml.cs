using VillageHive.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Data;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Exports;

[Authorize(Policy = Policies.Export)]
public sealed class HouseholdsModel(HiveDbContext db, CurrentUser me, AuditLog audit, HiveClock clock) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? format) => ExportFile.IsFormat(format)
        ? Lists.HouseholdsAsync(db, me, audit, format!, clock.Today)
        : Task.FromResult<IActionResult>(BadRequest());
}

[Authorize(Policy = Policies.Export)]
public sealed class ReferralsModel(HiveDbContext db, CurrentUser me, AuditLog audit) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? format) => ExportFile.IsFormat(format)
        ? Lists.ReferralsAsync(db, me, audit, format!)
        : Task.FromResult<IActionResult>(BadRequest());
}

[Authorize(Policy = Policies.Export)]
public sealed class CasesModel(HiveDbContext db, CurrentUser me, AuditLog audit) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? format) => ExportFile.IsFormat(format)
        ? Lists.CasesAsync(db, me, audit, format!)
        : Task.FromResult<IActionResult>(BadRequest());
}

[Authorize(Policy = Policies.Export)]
public sealed class ServicesModel(HiveDbContext db, CurrentUser me, AuditLog audit) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? format) => ExportFile.IsFormat(format)
        ? Lists.ServicesAsync(db, me, audit, format!)
        : Task.FromResult<IActionResult>(BadRequest());
}

[Authorize(Policy = Policies.Export)]
public sealed class AttendanceModel(HiveDbContext db, CurrentUser me, AuditLog audit) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? format, string? table) => ExportFile.IsFormat(format) && table is null or "programmes" or "activities"
        ? Lists.AttendanceAsync(db, me, audit, format!, table)
        : Task.FromResult<IActionResult>(BadRequest());
}
