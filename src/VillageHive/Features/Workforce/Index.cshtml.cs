using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce;

/// <summary>
/// One commune's workforce: who is in post, who is trained in what, when each was last supervised and is next due,
/// caseloads month by month against the ceiling the commune sets (which the recorders set here), and the year's staff
/// movements. A Village social worker goes to their own page.
/// </summary>
[Authorize(Policy = Policies.WorkforceRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "commune")] public int? CommuneId { get; set; }
    /// <summary>Text, so that anything typed comes back with a message rather than a binding error.</summary>
    [BindProperty] public string? Ceiling { get; set; }

    public IReadOnlyList<WorkforceQueries.CommuneRow> Communes { get; private set; } = [];
    public WorkforceQueries.CommuneRow? Commune { get; private set; }
    public IReadOnlyList<WorkerRow> Workers { get; private set; } = [];
    public IReadOnlyList<(TrainingModule Module, int Trained)> Modules { get; private set; } = [];
    public IReadOnlyList<DateOnly> MonthEnds { get; private set; } = [];
    /// <summary>Open cases led per worker at each month's end, in <see cref="MonthEnds"/> order.</summary>
    public IReadOnlyList<(WorkerRow Worker, int[] Cases)> Caseload { get; private set; } = [];
    public IReadOnlyList<StaffMovement> Movements { get; private set; } = [];
    public bool MayRecord => me.IsInAnyRole(Roles.WorkforceRecorders);
    public DateOnly Today { get; private set; }

    public sealed record WorkerRow(string Id, string UserName, string DisplayName, string Role, bool InPost, int Passed, bool CoreTrained,
        DateOnly? LastSupervised, DateOnly? NextDue, int OpenCases);

    public async Task<IActionResult> OnGetAsync()
    {
        if (WorkforceQueries.OwnOnly(me)) return RedirectToPage("/Workforce/Workers/Details", new { id = me.Id });
        if (!await LoadAsync()) return NotFound();
        Ceiling = Commune?.Ceiling?.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    /// <summary>Sets the commune's caseload ceiling.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayRecord) return Forbid();
        if (!await LoadAsync() || Commune is null) return NotFound();
        var typed = Ceiling?.Trim();
        if (!int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var ceiling) || ceiling < WorkforceRules.MinCeiling || ceiling > WorkforceRules.MaxCeiling)
        {
            ModelState.AddModelError(nameof(Ceiling), string.Format(CultureInfo.CurrentCulture, l["Workforce.CeilingRange"], WorkforceRules.MinCeiling, WorkforceRules.MaxCeiling));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var id = Commune.Id;
        var hive = await db.Hives.FirstOrDefaultAsync(h => h.CommuneId == id);
        if (hive is null)
        {
            hive = new Hive { CommuneId = id, Status = HiveStatus.Planned };
            db.Hives.Add(hive);
        }
        hive.CaseloadCeiling = ceiling;
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError(nameof(Ceiling), l["Concurrency.Changed"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Workforce/Index", new { commune = id });
    }

    private async Task<bool> LoadAsync()
    {
        Today = clock.Today;
        Communes = await WorkforceQueries.CommunesAsync(db, me.Scope);
        if (Communes.Count == 0) return true;
        Commune = CommuneId is { } wanted ? Communes.FirstOrDefault(c => c.Id == wanted) : Communes[0];
        if (Commune is null) return false;
        var communeId = Commune.Id;
        var staff = await WorkforceQueries.WorkersOfAsync(db, communeId);
        var names = staff.Select(s => s.UserName).ToArray();

        var passed = (await db.TrainingIn(me).AsNoTracking().Where(t => names.Contains(t.Worker)).Where(WorkforceRules.Passed.Sql)
                .Select(t => new { t.Worker, t.ModuleId }).Distinct().ToListAsync())
            .ToLookup(t => t.Worker, t => t.ModuleId);
        var modules = await db.TrainingModules.AsNoTracking().OrderBy(m => m.Order).ToListAsync();
        var core = modules.Where(m => m.Core).Select(m => m.Id).ToList();
        var latest = (await db.SupervisionIn(me).AsNoTracking().Where(s => names.Contains(s.Worker))
                .Where(WorkforceRules.Latest(db.SupervisionSessions, db.StaffMovements))
                .Select(s => new { s.Worker, s.HeldOn, s.NextOn }).ToListAsync())
            .ToDictionary(s => s.Worker);
        var left = (await db.StaffMovements.AsNoTracking().Where(m => names.Contains(m.Worker) && m.Kind == StaffMovementKind.Left)
            .Select(m => m.Worker).Distinct().ToListAsync()).ToHashSet();
        var cases = db.Cases.Where(c => c.Village!.CommuneId == communeId);
        var open = await cases.AsNoTracking().Where(CaseRules.Open.Sql).Where(c => names.Contains(c.LeadWorker))
            .GroupBy(c => c.LeadWorker).Select(g => new { Worker = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Worker, g => g.Count);
        Workers = staff.Select(s => new WorkerRow(s.Id, s.UserName, s.DisplayName, s.Role, s.Active && !left.Contains(s.UserName),
                passed[s.UserName].Count(), core.All(passed[s.UserName].Contains),
                latest.GetValueOrDefault(s.UserName)?.HeldOn, latest.GetValueOrDefault(s.UserName)?.NextOn, open.GetValueOrDefault(s.UserName)))
            .OrderByDescending(w => w.InPost).ThenBy(w => w.DisplayName, StringComparer.Ordinal).ToList();
        Modules = modules.Select(m => (m, Workers.Count(w => w.InPost && passed[w.UserName].Contains(m.Id)))).ToList();

        MonthEnds = WorkforceRules.MonthEnds(Today, WorkforceQueries.Months);
        var inPost = Workers.Where(w => w.InPost).ToList();
        var points = await WorkforceQueries.CaseloadAsync(cases, [.. inPost.Select(w => w.UserName)], MonthEnds, clock);
        Caseload = inPost.Select(w => (w, Enumerable.Range(0, MonthEnds.Count)
            .Select(i => points.FirstOrDefault(p => p.Month == i && p.Worker == w.UserName)?.Cases ?? 0).ToArray())).ToList();

        var yearStart = new DateOnly(Today.Year, 1, 1);
        Movements = await db.MovementsIn(me).AsNoTracking().Where(m => m.CommuneId == communeId && m.On >= yearStart)
            .OrderByDescending(m => m.On).ThenByDescending(m => m.Id).ToListAsync();
        return true;
    }
}
