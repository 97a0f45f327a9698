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
public sealed class EditModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PersonInput Person { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public int Id { get; private set; }
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    private DateOnly Today => clock.Today;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var p = await db.PersonsIn(me.Scope).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (p is null) return NotFound();
        Id = id;
        Person = PersonInput.From(p, Today);
        Version = p.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var p = await db.PersonsIn(me.Scope).FirstOrDefaultAsync(x => x.Id == id);
        if (p is null) return NotFound();
        Id = id;
        if (!ModelState.IsValid) return Page();
        if (p.Version != Version) return ShowConflict(p);
        Person.ApplyTo(p, Today, ModelState, nameof(Person), k => l[k]);
        if (!ModelState.IsValid) return Page();
        db.ExpectVersion(p, Version);
        if (!await db.TrySaveAsync())
        {
            await db.Entry(p).ReloadAsync();
            return ShowConflict(p);
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Registry/Persons/Details", new { id });
    }

    private PageResult ShowConflict(Person current)
    {
        var theirs = PersonInput.From(current, Today);
        var rows = new List<(string, string, string)>();
        void Compare(string key, string? mine, string? other)
        {
            if ((mine ?? "") != (other ?? "")) rows.Add((l[key], mine ?? "", other ?? ""));
        }
        Compare("Field.FamilyNameKm", Person.FamilyNameKm, theirs.FamilyNameKm);
        Compare("Field.GivenNameKm", Person.GivenNameKm, theirs.GivenNameKm);
        Compare("Field.FamilyNameLatin", Person.FamilyNameLatin, theirs.FamilyNameLatin);
        Compare("Field.GivenNameLatin", Person.GivenNameLatin, theirs.GivenNameLatin);
        Compare("Field.Sex", Person.Sex is { } s ? l.Label(s) : null, theirs.Sex is { } t ? l.Label(t) : null);
        Compare("Field.DateOfBirth", Person.DateOfBirth?.ToString("d"), theirs.DateOfBirth?.ToString("d"));
        Compare("Field.SchoolStatus", l.Label(Person.SchoolStatus), l.Label(theirs.SchoolStatus));
        Compare("Field.RelationToHead", l.Label(Person.RelationToHead), l.Label(theirs.RelationToHead));
        if (rows.Count == 0) rows.Add((l["Concurrency.NoFieldChanged"], "", ""));
        Conflict = rows;
        ModelState.Remove(nameof(Version));
        Version = current.Version;
        return Page();
    }
}
