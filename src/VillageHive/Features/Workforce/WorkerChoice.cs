using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce;

/// <summary>The workers a recorder may write about (in post, in their area, not themselves) and the commune a record goes to.</summary>
public static class WorkerChoice
{
    public static async Task<List<WorkforceQueries.Worker>> OptionsAsync(HiveDbContext db, CurrentUser me, bool includeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(me);
        var left = (await db.StaffMovements.Where(m => m.Kind == StaffMovementKind.Left).Select(m => m.Worker).Distinct().ToListAsync()).ToHashSet();
        return (await WorkforceQueries.VisibleWorkersAsync(db, me))
            .Where(w => w.Active && !left.Contains(w.UserName) && (includeSelf || w.UserName != me.UserName)).ToList();
    }

    /// <summary>The chosen worker and the commune their record belongs to; a model error on <paramref name="field"/> when not one of the options.</summary>
    public static async Task<(WorkforceQueries.Worker? Worker, int CommuneId)> ResolveAsync(HiveDbContext db, CurrentUser me,
        IReadOnlyList<WorkforceQueries.Worker> options, string? userName, ModelStateDictionary state, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(state);
        var worker = options.FirstOrDefault(w => w.UserName == userName);
        var commune = worker is null ? null : await WorkforceQueries.CommuneOfAsync(db, me.Scope, worker);
        if (worker is null || commune is null)
        {
            state.AddModelError(field, message);
            return (null, 0);
        }
        return (worker, commune.Value);
    }
}
