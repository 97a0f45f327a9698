using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Registry.Households;

public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock, AuditLog audit) : PageModel
{
    public View Household { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<AuditRow>? History { get; private set; }
    /// <summary>Members' programmes and community activities (Community feature).</summary>
    public Community.Participation.View Participation { get; private set; } = Community.Participation.View.Empty;
    public IReadOnlyList<OutcomeQueries.Point> Outcomes { get; private set; } = [];

    public sealed record View(int Id, string VillageKm, string VillageEn, string CommuneKm, string CommuneEn, string? Address,
        IdPoorStatus IdPoor, string? Phone, IReadOnlyList<Member> Members, IReadOnlyList<FormerMember> Former);

    public sealed record Member(int Id, string NameKm, string? NameLatin, Sex Sex, DateOnly? DateOfBirth, int? EstimatedBirthYear,
        RelationToHead Relation, SchoolStatus School, BirthRegistration Birth, bool HasDisability);

    public sealed record FormerMember(int PersonId, string NameKm, DateOnly MovedOn, int ToHouseholdId, bool CanOpen);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Today = clock.Today;
        var scope = me.Scope;
        var h = await db.HouseholdsIn(scope).AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, VillageKm = x.Village!.NameKm, VillageEn = x.Village.NameEn,
                CommuneKm = x.Village.Commune!.NameKm, CommuneEn = x.Village.Commune.NameEn,
                x.Address, x.IdPoor, x.Phone,
            })
            .FirstOrDefaultAsync();
        if (h is null) return NotFound();
        var members = await db.Persons.AsNoTracking()
            .Where(p => p.HouseholdId == id)
            .OrderBy(p => p.RelationToHead).ThenBy(p => p.DateOfBirth)
            .Select(p => new Member(p.Id, p.FamilyNameKm + " " + p.GivenNameKm,
                (p.FamilyNameLatin ?? "") + " " + (p.GivenNameLatin ?? ""), p.Sex, p.DateOfBirth, p.EstimatedBirthYear,
                p.RelationToHead, p.SchoolStatus, p.BirthRegistration, p.HasDisability))
            .ToListAsync();
        var visible = db.HouseholdsIn(scope).Select(x => x.Id);
        var former = await db.PersonMoves.AsNoTracking()
            .Where(m => m.FromHouseholdId == id)
            .OrderByDescending(m => m.MovedOn)
            .Select(m => new FormerMember(m.PersonId, m.Person!.FamilyNameKm + " " + m.Person.GivenNameKm, m.MovedOn,
                m.ToHouseholdId, visible.Contains(m.ToHouseholdId)))
            .ToListAsync();
        Participation = await Community.Participation.ForHouseholdAsync(db, id);
        Outcomes = await OutcomeQueries.PointsAsync(db, id);
        Household = new View(h.Id, h.VillageKm, h.VillageEn, h.CommuneKm, h.CommuneEn, h.Address, h.IdPoor, h.Phone, members, former);
        if (me.IsInAnyRole(Roles.AuditReaders))
            History = await AuditHistory.OfRecordAsync(db, "Household", id);
        await audit.RecordReadAsync("Household", id);
        return Page();
    }

    public int? Age(Member m) => Person.Age(m.DateOfBirth, m.EstimatedBirthYear, Today);
}
