using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce.Workers;

/// <summary>
/// One worker: training records, supervision history, movements (a leaver's link to the handover of their cases) and
/// their caseload month by month. A Village social worker opens their own only; others a worker of their area.
/// </summary>
[Authorize(Policy = Policies.WorkforceRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public WorkforceQueries.Worker Worker { get; private set; } = null!;
    public IReadOnlyList<TrainingRow> Training { get; private set; } = [];
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<StaffMovement> Movements { get; private set; } = [];
    public IReadOnlyList<DateOnly> MonthEnds { get; private set; } = [];
    public int[] Caseload { get; private set; } = [];
    public int? Ceiling { get; private set; }
    public bool MayRecord => me.IsInAnyRole(Roles.WorkforceRecorders);
    /// <summary>Those who manage accounts may hand a leaver's cases over (the page checks the rest).</summary>
    public bool MayHandOver => me.IsInAnyRole([Roles.Administrator, Roles.Ccwc]);
    public bool OwnOnly => WorkforceQueries.OwnOnly(me);
    public DateOnly Today { get; private set; }

    public sealed record TrainingRow(int Id, string ModuleKm, string ModuleEn, bool Core, DateOnly StartedOn, DateOnly? CompletedOn, string Trainer, TrainingResult Result);
    public sealed record SessionRow(int Id, DateOnly HeldOn, string Supervisor, int Cases, DateOnly? NextOn);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (WorkforceQueries.OwnOnly(me) && id != me.Id) return NotFound();
        var worker = (await WorkforceQueries.VisibleWorkersAsync(db, me)).FirstOrDefault(w => w.Id == id);
        if (worker is null) return NotFound();
        Worker = worker;
        Today = clock.Today;
        var name = worker.UserName;
        Training = await db.TrainingIn(me).AsNoTracking().Where(t => t.Worker == name)
            .OrderBy(t => t.Module!.Order).ThenByDescending(t => t.StartedOn)
            .Select(t => new TrainingRow(t.Id, t.Module!.NameKm, t.Module.NameEn, t.Module.Core, t.StartedOn, t.CompletedOn, t.Trainer, t.Result))
            .ToListAsync();
        Sessions = await db.SupervisionIn(me).AsNoTracking().Where(s => s.Worker == name)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.HeldOn, s.Supervisor, s.Cases.Count, s.NextOn))
            .ToListAsync();
        Movements = await db.MovementsIn(me).AsNoTracking().Where(m => m.Worker == name)
            .OrderByDescending(m => m.On).ThenByDescending(m => m.Id).ToListAsync();
        MonthEnds = WorkforceRules.MonthEnds(Today, WorkforceQueries.Months);
        var cases = db.Cases.Where(me.Scope.Contains<Case>(c => c.Village!));
        var points = await WorkforceQueries.CaseloadAsync(cases, [name], MonthEnds, clock);
        Caseload = [.. Enumerable.Range(0, MonthEnds.Count).Select(i => points.Where(p => p.Month == i).Sum(p => p.Cases))];
        var commune = await WorkforceQueries.CommuneOfAsync(db, me.Scope, worker);
        Ceiling = commune is { } c ? await db.Hives.Where(h => h.CommuneId == c).Select(h => h.CaseloadCeiling).FirstOrDefaultAsync() : null;
        return Page();
    }
}
