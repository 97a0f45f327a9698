using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Registry.Households;

[Authorize(Policy = Policies.RegistryWrite)]
public sealed class EditModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public HouseholdInput Household { get; set; } = new();

    public int Id { get; private set; }
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var h = await db.HouseholdsIn(me.Scope).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (h is null) return NotFound();
        Id = id;
        Household = HouseholdInput.From(h);
        ViewData["Villages"] = await db.VillageOptionsAsync(me.Scope);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var h = await db.HouseholdsIn(me.Scope).FirstOrDefaultAsync(x => x.Id == id);
        if (h is null) return NotFound();
        Id = id;
        var villages = await db.VillageOptionsAsync(me.Scope);
        ViewData["Villages"] = villages;
        if (Household.VillageId is { } v && villages.All(o => o.Id != v))
            ModelState.AddModelError("Household.VillageId", l["Validation.VillageOutOfScope"]);
        if (!ModelState.IsValid) return Page();
        if (h.Version != Household.Version)
        {
            Conflict = Differences(Household, HouseholdInput.From(h), villages);
            ModelState.Remove("Household.Version");
            Household.Version = h.Version;
            return Page();
        }
        Household.ApplyTo(h);
        db.ExpectVersion(h, Household.Version);
        if (!await db.TrySaveAsync())
        {
            await db.Entry(h).ReloadAsync();
            Conflict = Differences(Household, HouseholdInput.From(h), villages);
            ModelState.Remove("Household.Version");
            Household.Version = h.Version;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Registry/Households/Details", new { id });
    }

    private List<(string, string, string)> Differences(HouseholdInput mine, HouseholdInput theirs, IReadOnlyList<RegistryQueries.VillageOption> villages)
    {
        string Village(int? id) => villages.FirstOrDefault(v => v.Id == id) is { } v ? Localisation.Name(v.NameKm, v.NameEn) : "–";
        var rows = new List<(string, string, string)>();
        if (mine.VillageId != theirs.VillageId) rows.Add((l["Field.Village"], Village(mine.VillageId), Village(theirs.VillageId)));
        if ((mine.Address ?? "") != (theirs.Address ?? "")) rows.Add((l["Field.Address"], mine.Address ?? "", theirs.Address ?? ""));
        if (mine.IdPoor != theirs.IdPoor) rows.Add((l["Field.IdPoor"], l.Label(mine.IdPoor), l.Label(theirs.IdPoor)));
        if (Domain.NameSearch.NormalisePhone(mine.Phone) != (theirs.Phone ?? "")) rows.Add((l["Field.Phone"], mine.Phone ?? "", theirs.Phone ?? ""));
        if (rows.Count == 0) rows.Add((l["Concurrency.NoFieldChanged"], "", ""));
        return rows;
    }
}
