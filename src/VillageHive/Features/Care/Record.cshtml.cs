using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Care;

/// <summary>
/// Records where and with whom a child lives from a day on, and whether that is a separation from the family or a
/// reintegration into it: for the workers who work cases, on a child in their area. The history stays.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class RecordModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CareInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string NameKm { get; private set; } = "";
    public string? HouseholdHeadKm { get; private set; }
    public CareQueries.Row? Latest { get; private set; }

    public sealed class CareInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Care.Type")]
        public CareType? Type { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Date)]
        [Display(Name = "Care.StartedOn")]
        public DateOnly? StartedOn { get; set; }

        [DataType(DataType.Date)]
        [Display(Name = "Care.EndedOn")]
        public DateOnly? EndedOn { get; set; }

        /// <summary>True: the child lives in their household of the registry; false: somewhere else, named in <see cref="Place"/>.</summary>
        public bool InHousehold { get; set; } = true;

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Care.Place")]
        public string? Place { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Care.Reason")]
        public CareReason? Reason { get; set; }

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Care.ReasonNote")]
        public string? ReasonNote { get; set; }

        [Display(Name = "Care.Event")]
        public CareEvent Event { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is null) return NotFound();
        Input.StartedOn = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var person = await LoadAsync(id);
        if (person is null) return NotFound();
        if (!ModelState.IsValid) return Refused();
        var arrangement = new CareArrangement
        {
            PersonId = id,
            Type = Input.Type!.Value,
            HouseholdId = Input.InHousehold ? person.HouseholdId : null,
            Place = TypedText.OrNull(Input.Place),
            StartedOn = Input.StartedOn!.Value,
            EndedOn = Input.EndedOn,
            Reason = Input.Reason!.Value,
            ReasonNote = TypedText.OrNull(Input.ReasonNote),
            Event = Input.Event,
            RecordedBy = me.UserName,
            RecordedAt = clock.UtcNow,
        };
        // The arrangement the new one follows: the latest that started by the new one's first day.
        var start = arrangement.StartedOn;
        var previous = await db.CareArrangements.Where(a => a.PersonId == id && a.StartedOn <= start)
            .OrderByDescending(a => a.StartedOn).ThenByDescending(a => a.Id)
            .Select(a => (CareType?)a.Type).FirstOrDefaultAsync();
        var errors = CareRules.Check(arrangement, previous, person.DateOfBirth, clock.Today);
        foreach (var (field, key) in errors)
            ModelState.AddModelError($"{nameof(Input)}.{field}", l[key]);
        if (errors.Count > 0) return Refused();
        arrangement.Event = CareRules.EventOf(previous, arrangement.Type, arrangement.Event);
        db.CareArrangements.Add(arrangement);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Care.NotSaved"]);
            return Refused();
        }
        TempData["Flash"] = l[arrangement.Event switch
        {
            CareEvent.Reintegration => "Care.RecordedReintegration",
            CareEvent.Separation => "Care.RecordedSeparation",
            _ => "Care.Recorded",
        }].Value;
        return RedirectToPage("/Registry/Persons/Details", null, new { id }, "care");
    }

    /// <summary>The form again with its messages, as 422: nothing was saved.</summary>
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private sealed record PersonFacts(int HouseholdId, DateOnly? DateOfBirth);

    /// <summary>The child if in the caller's area (else null: a 404), with what the form shows.</summary>
    private async Task<PersonFacts?> LoadAsync(int id)
    {
        var p = await db.PersonsIn(me.Scope).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.FamilyNameKm, x.GivenNameKm, x.HouseholdId, x.DateOfBirth, x.Household!.HeadNameKm })
            .FirstOrDefaultAsync();
        if (p is null) return null;
        Id = id;
        NameKm = $"{p.FamilyNameKm} {p.GivenNameKm}";
        HouseholdHeadKm = Household.Shown(p.HeadNameKm);
        Latest = (await CareQueries.HistoryAsync(db, me.Scope, id)).FirstOrDefault();
        return new PersonFacts(p.HouseholdId, p.DateOfBirth);
    }
}
