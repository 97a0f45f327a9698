using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Registry.Households;

/// <summary>A new household together with its head, so that no household is ever left without a person.</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class NewModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public HouseholdInput Household { get; set; } = new();

    [BindProperty]
    public PersonInput Head { get; set; } = new() { RelationToHead = RelationToHead.Head };

    /// <summary>Ticked when none of the people suggested is the head (written out by hand in the form, as bools must be).</summary>
    [BindProperty] public bool NotDuplicate { get; set; }

    /// <summary>People already registered who may be the head (the household may be registered already): the save waits for the box.</summary>
    public IReadOnlyList<PossibleDuplicates.Candidate> Duplicates { get; private set; } = [];

    public async Task OnGetAsync() => ViewData["Villages"] = await db.VillageOptionsAsync(me.Scope);

    public async Task<IActionResult> OnPostAsync()
    {
        var villages = await db.VillageOptionsAsync(me.Scope);
        ViewData["Villages"] = villages;
        if (Household.VillageId is { } v && villages.All(o => o.Id != v))
            ModelState.AddModelError("Household.VillageId", l["Validation.VillageOutOfScope"]);
        var now = clock.UtcNow;
        var today = clock.DayOf(now);
        var household = new Household { CreatedAt = now };
        Household.ApplyTo(household);
        var head = new Person { CreatedAt = now };
        Head.RelationToHead = RelationToHead.Head;
        Head.ApplyTo(head, today, ModelState, nameof(Head), k => l[k]);
        if (!ModelState.IsValid) return Page();
        if (!NotDuplicate)
        {
            var name = new PersonName(head.FamilyNameKm, head.GivenNameKm, head.FamilyNameLatin, head.GivenNameLatin);
            Duplicates = await PossibleDuplicates.FindAsync(db, me.Scope, name, head.AgeOn(today), household.VillageId, today);
            if (Duplicates.Count > 0)
            {
                ModelState.AddModelError("", l["Registry.PossibleDuplicate"]);
                return Page();
            }
        }
        household.Members.Add(head);
        db.Households.Add(household);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Household.Created"].Value;
        return RedirectToPage("/Registry/Households/Details", new { id = household.Id });
    }
}
