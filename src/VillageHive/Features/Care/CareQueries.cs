using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Care;

/// <summary>A child's care arrangements as pages show them: the history on the person page, one line a child on the case page.</summary>
public static class CareQueries
{
    /// <summary>One arrangement; the household is named only when the reader may open it (in their scope).</summary>
    public sealed record Row(int Id, int PersonId, CareType Type, DateOnly StartedOn, DateOnly? EndedOn, CareReason Reason, string? ReasonNote, CareEvent Event,
        int? HouseholdId, string? HouseholdHeadKm, bool CanOpenHousehold, string? Place, string RecordedBy, DateTime RecordedAt);

    /// <summary>The child's arrangements, latest first (by start date, then the one recorded last).</summary>
    public static Task<List<Row>> HistoryAsync(HiveDbContext db, Scope scope, int personId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = db.Households.InScope(scope, h => h.Village!).Select(h => h.Id);
        return db.CareArrangements.AsNoTracking().Where(a => a.PersonId == personId)
            .OrderByDescending(a => a.StartedOn).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.PersonId, a.Type, a.StartedOn, a.EndedOn, a.Reason, a.ReasonNote, a.Event, a.HouseholdId,
                a.Household == null ? null : a.Household.HeadNameKm,
                a.HouseholdId != null && visible.Contains(a.HouseholdId.Value), a.Place, a.RecordedBy, a.RecordedAt))
            .ToListAsync();
    }

    /// <summary>The arrangement each of the children has on the day (<see cref="CareRules.CurrentOn"/>), by person; one query.</summary>
    public static async Task<Dictionary<int, Row>> CurrentAsync(HiveDbContext db, IReadOnlyCollection<int> personIds, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (personIds.Count == 0) return [];
        var rows = await db.CareArrangements.AsNoTracking().Where(a => personIds.Contains(a.PersonId)).Where(CareRules.CurrentOn.Sql(day))
            .Select(a => new Row(a.Id, a.PersonId, a.Type, a.StartedOn, a.EndedOn, a.Reason, a.ReasonNote, a.Event, a.HouseholdId, null, false, a.Place,
                a.RecordedBy, a.RecordedAt))
            .ToListAsync();
        return rows.ToDictionary(r => r.PersonId);
    }

    /// <summary>"grandparents since 2025-03 (parents migrated)": who, since when, and why in the worker's words or the reason's.</summary>
    public static string Line(IStringLocalizer l, Row row)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(row);
        var since = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["Care.Since"], l.Label(row.Type), row.StartedOn.ToString("Y", System.Globalization.CultureInfo.CurrentCulture));
        var why = row.ReasonNote ?? (row.Reason == CareReason.WithFamily ? null : l.Label(row.Reason));
        return why is null ? since : $"{since} ({why})";
    }
}
