using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// Enrols a child found in the registry (search by name) or a child of a case's household (?caseId=).
/// A full programme asks for a reason; a child already enrolled is refused.
/// </summary>
// Read policy, then the running roles: a programme outside the scope is a 404 for everyone.
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class EnrolModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public ProgrammeQueries.ProgrammeHeader Programme { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? CaseId { get; set; }
    [BindProperty] public EnrolInput Input { get; set; } = new();
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public int Enrolled { get; private set; }
    public bool Full => Enrolled >= Programme.Capacity;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<ProgrammeYear> Years { get; private set; } = [];
    /// <summary>The year the child is enrolled into: the one the start date falls in (on the form: the current year).</summary>
    public ProgrammeYear? Year { get; private set; }

    public sealed record Candidate(int PersonId, string NameKm, string? NameLatin, int? Age, string VillageKm, string VillageEn, bool AlreadyEnrolled);

    public sealed class EnrolInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        public int? PersonId { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Enrolment.StartDate")]
        public DateOnly? StartDate { get; set; }

        [StringLength(1000, ErrorMessage = "Validation.TooLong"), Display(Name = "Enrolment.OverCapacityReason")]
        public string? OverCapacityReason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!me.MayRun()) return Forbid();
        Input.StartDate = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!me.MayRun()) return Forbid();
        if (!ModelState.IsValid) return Page();
        var personId = Input.PersonId!.Value;
        if (CaseId is { } caseId && await db.CasesFor(me).AnyAsync(c => c.Id == caseId) is false)
            return NotFound();
        var person = await db.PersonsIn(me.Scope).AsNoTracking().Where(p => p.Id == personId && p.MergedIntoPersonId == null)
            .Select(p => new { p.Id }).FirstOrDefaultAsync();
        if (person is null)
        {
            ModelState.AddModelError("Input.PersonId", l["Enrol.PersonNotFound"]);
            return Page();
        }
        if (Input.StartDate > Today)
            ModelState.AddModelError("Input.StartDate", l["Validation.DateInFuture"]);
        if (Years.Count > 0)
        {
            Year = Years.FirstOrDefault(y => y.Contains(Input.StartDate!.Value));
            if (Year is null) ModelState.AddModelError("Input.StartDate", l["Enrol.NotInYear"]);
            else Enrolled = await CountAsync(Year);
        }
        if (!ModelState.IsValid) return Page();
        if (await ActiveEnrolment(personId).AnyAsync())
            ModelState.AddModelError("Input.PersonId", l["Enrol.Duplicate"]);
        var reason = string.IsNullOrWhiteSpace(Input.OverCapacityReason) ? null : Input.OverCapacityReason.Trim();
        if (Full && reason is null)
            ModelState.AddModelError("Input.OverCapacityReason", l["Enrol.OverCapacity"]);
        if (!ModelState.IsValid) return Page();

        var enrolment = ProgrammeYears.Enrol(id, Year, personId, Input.StartDate!.Value, me.UserName, clock.UtcNow);
        enrolment.CaseId = CaseId;
        enrolment.OverCapacityReason = Full ? reason : null;
        db.Enrolments.Add(enrolment);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            // Two enrolments of the same child raced past the check: the unique index kept one.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.PersonId", l["Enrol.Duplicate"]);
            return Page();
        }
        TempData["Flash"] = l["Enrol.Done"].Value;
        return RedirectToPage("/Programmes/Details", new { id });
    }

    /// <summary>Already enrolled: in the year (a programme with years), else holding a place today.</summary>
    private IQueryable<Enrolment> ActiveEnrolment(int personId) => Year is { } year
        ? db.Enrolments.Where(e => e.ProgrammeYearId == year.Id && e.PersonId == personId && e.ExitDate == null)
        : db.Enrolments.Where(EnrolmentRules.HoldsPlaceOn.Sql(clock.Today)).Where(e => e.ProgrammeId == Programme.Id && e.PersonId == personId);

    /// <summary>Places taken in a year: its children not exited.</summary>
    private Task<int> CountAsync(ProgrammeYear year) => db.Enrolments.CountAsync(e => e.ProgrammeYearId == year.Id && e.ExitDate == null);

    private async Task<bool> LoadAsync(int id)
    {
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return false;
        Programme = header;
        Today = clock.Today;
        var today = Today;
        Years = await db.YearsAsync(id);
        Year = ProgrammeYearRules.Current(Years, today);
        Enrolled = Year is null ? await db.Enrolments.Where(EnrolmentRules.HoldsPlaceOn.Sql(today)).CountAsync(e => e.ProgrammeId == id) : await CountAsync(Year);
        var people = db.PersonsIn(me.Scope).AsNoTracking().Where(p => p.MergedIntoPersonId == null);
        if (CaseId is { } caseId)
        {
            var households = db.CasesFor(me).Where(c => c.Id == caseId).Select(c => c.HouseholdId);
            people = people.Where(p => households.Contains(p.HouseholdId));
        }
        else
        {
            var name = NameSearch.Normalise(Q);
            if (name.Length < 2) return true;
            people = people.Where(p => p.SearchName.Contains(name));
        }
        var minBirthYear = today.Year - 18;
        var holdsPlace = EnrolmentRules.HoldsPlaceOn.Sql(today);
        var rows = await people
            .Where(p => (p.DateOfBirth != null && p.DateOfBirth > today.AddYears(-18)) || (p.DateOfBirth == null && p.EstimatedBirthYear > minBirthYear))
            .OrderBy(p => p.FamilyNameKm).ThenBy(p => p.GivenNameKm).Take(20)
            .Select(p => new
            {
                p.Id, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.DateOfBirth, p.EstimatedBirthYear,
                p.Household!.Village!.NameKm, p.Household.Village.NameEn,
                Enrolled = db.Enrolments.Where(holdsPlace).Any(e => e.ProgrammeId == id && e.PersonId == p.Id),
            })
            .ToListAsync();
        Candidates = rows.Select(r => new Candidate(r.Id, $"{r.FamilyNameKm} {r.GivenNameKm}", $"{r.FamilyNameLatin} {r.GivenNameLatin}".Trim(),
            Person.Age(r.DateOfBirth, r.EstimatedBirthYear, today), r.NameKm, r.NameEn, r.Enrolled)).ToList();
        return true;
    }
}
