using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Network;

/// <summary>The child's Family Network: who is in it and what each does in the plan; workers add members.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "Input")] public NetworkInput Input { get; set; } = new();

    public int Id { get; private set; }
    public bool MayWork { get; private set; }
    public IReadOnlyList<FamilyNetworkMember> Members { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Persons { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var header = await LoadAsync(id);
        return header is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var header = await LoadAsync(id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        ModelState.RefuseUnlessTakesWork(header, l);
        string? personName = null;
        if (Input.PersonId is { } pid)
        {
            personName = Persons.FirstOrDefault(p => p.Id == pid).Name;
            if (personName is null) ModelState.AddModelError("Input.PersonId", l["Validation.Invalid"]);
        }
        else if (string.IsNullOrWhiteSpace(Input.Name))
        {
            ModelState.AddModelError("Input.Name", l["Network.PersonOrName"]);
        }
        if (Input.Relation is null) ModelState.AddModelError("Input.Relation", l["Validation.Required"]);
        if (!ModelState.IsValid) return Page();
        var member = new FamilyNetworkMember { CaseId = id, Active = true };
        Input.ApplyTo(member, personName);
        db.FamilyNetworkMembers.Add(member);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Network/Index", new { id });
    }

    private async Task<CaseHeader?> LoadAsync(int id)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return null;
        Id = id;
        MayWork = header.MayRecord;
        Members = await db.FamilyNetworkMembers.AsNoTracking().Where(m => m.CaseId == id)
            .OrderByDescending(m => m.Active).ThenBy(m => m.Name).ThenBy(m => m.Id).ToListAsync();
        Persons = (await db.Persons.AsNoTracking().Where(p => p.HouseholdId == header.HouseholdId)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.FamilyNameKm, p.GivenNameKm }).ToListAsync())
            .Select(p => (p.Id, $"{p.FamilyNameKm} {p.GivenNameKm}")).ToList();
        return header;
    }
}
