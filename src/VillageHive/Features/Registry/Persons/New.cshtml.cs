using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Registry.Persons;

[Authorize(Policy = Policies.RegistryWrite)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int HouseholdId { get; set; }

    [BindProperty]
    public PersonInput Person { get; set; } = new() { RelationToHead = RelationToHead.Child };

    /// <summary>Ticked when none of the people suggested is this one (written out by hand in the form, as bools must be).</summary>
    [BindProperty] public bool NotDuplicate { get; set; }

    /// <summary>People already registered who may be this one: shown, and the save waits for the box to be ticked.</summary>
    public IReadOnlyList<PossibleDuplicates.Candidate> Duplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await db.HouseholdsIn(me.Scope).AnyAsync(h => h.Id == HouseholdId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var household = await db.HouseholdsIn(me.Scope).FirstOrDefaultAsync(h => h.Id == HouseholdId);
        if (household is null) return NotFound();
        var now = clock.UtcNow;
        var person = new Person { HouseholdId = household.Id, CreatedAt = now };
        Person.ApplyTo(person, clock.DayOf(now), ModelState, nameof(Person), k => l[k]);
        if (!ModelState.IsValid) return Page();
        if (!NotDuplicate)
        {
            var today = clock.DayOf(now);
            var name = new PersonName(person.FamilyNameKm, person.GivenNameKm, person.FamilyNameLatin, person.GivenNameLatin);
            Duplicates = await PossibleDuplicates.FindAsync(db, me.Scope, name, person.AgeOn(today), household.VillageId, today);
            if (Duplicates.Count > 0)
            {
                ModelState.AddModelError("", l["Registry.PossibleDuplicate"]);
                return Page();
            }
        }
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Person.Created"].Value;
        return RedirectToPage("/Registry/Households/Details", new { id = household.Id });
    }
}
