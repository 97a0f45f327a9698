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
        household.Members.Add(head);
        db.Households.Add(household);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Household.Created"].Value;
        return RedirectToPage("/Registry/Households/Details", new { id = household.Id });
    }
}
