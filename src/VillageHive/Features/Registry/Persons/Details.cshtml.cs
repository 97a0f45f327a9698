using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Care;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Registry.Persons;

public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit) : PageModel
{
    public Person Person { get; private set; } = null!;
    public string VillageKm { get; private set; } = "";
    public string VillageEn { get; private set; } = "";
    public int? Age { get; private set; }
    public IReadOnlyList<AuditRow>? History { get; private set; }
    public IReadOnlyList<MoveRow> Moves { get; private set; } = [];
    /// <summary>Where and with whom the child lived, latest first.</summary>
    public IReadOnlyList<CareQueries.Row> Care { get; private set; } = [];
    /// <summary>Duplicate records merged into this one, so that a worker knows where its history came from.</summary>
    public IReadOnlyList<MergeRow> MergedFrom { get; private set; } = [];

    public sealed record MoveRow(DateOnly MovedOn, int FromId, string? FromHeadKm, int ToId, string? ToHeadKm, string? Reason, string RecordedBy, bool CanOpenFrom, bool CanOpenTo);

    public sealed record MergeRow(int MergedPersonId, DateTime MergedAt, string MergedBy);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var scope = me.Scope;
        var found = await db.PersonsIn(scope).AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new { Person = p, VillageKm = p.Household!.Village!.NameKm, VillageEn = p.Household.Village.NameEn })
            .FirstOrDefaultAsync();
        if (found is null) return NotFound();
        Person = found.Person;
        VillageKm = found.VillageKm;
        VillageEn = found.VillageEn;
        Age = Person.AgeOn(clock.Today);
        var visible = db.HouseholdsIn(scope).Select(h => h.Id);
        Moves = await db.PersonMoves.AsNoTracking()
            .Where(m => m.PersonId == id)
            .OrderByDescending(m => m.MovedOn).ThenByDescending(m => m.Id)
            .Select(m => new MoveRow(m.MovedOn,
                m.FromHouseholdId, Household.Shown(m.FromHousehold!.HeadNameKm),
                m.ToHouseholdId, Household.Shown(m.ToHousehold!.HeadNameKm),
                m.Reason, m.RecordedBy, visible.Contains(m.FromHouseholdId), visible.Contains(m.ToHouseholdId)))
            .ToListAsync();
        Care = await CareQueries.HistoryAsync(db, scope, id);
        MergedFrom = await db.PersonMerges.AsNoTracking()
            .Where(m => m.KeptPersonId == id && m.UndoneAt == null)
            .OrderBy(m => m.MergedAt)
            .Select(m => new MergeRow(m.MergedPersonId, m.MergedAt, m.MergedBy))
            .ToListAsync();
        if (me.IsInAnyRole(Roles.AuditReaders))
            History = await AuditHistory.OfRecordAsync(db, "Person", id);
        await audit.RecordReadAsync("Person", id);
        return Page();
    }
}
