using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases.Network;

/// <summary>Changes a Family Network member, or marks them no longer active (never deleted: plan actions may name them).</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class EditModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(Name = "Input")] public NetworkInput Input { get; set; } = new();

    /// <summary>Deactivating asks the worker to tick a confirmation first.</summary>
    [BindProperty(Name = "Confirm")] public bool Confirm { get; set; }

    public int Id { get; private set; }
    public FamilyNetworkMember Member { get; private set; } = null!;
    public bool Frozen { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Persons { get; private set; } = [];
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int memberId)
    {
        if (await LoadAsync(id, memberId) is { } refused) return refused;
        Input = NetworkInput.From(Member);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int memberId)
    {
        if (await LoadAsync(id, memberId) is { } refused) return refused;
        if (Frozen) ModelState.AddModelError("", l[CaseRules.TakesNoWorkKey]);
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
        if (Member.Version != Input.Version) return Conflicted();
        Input.ApplyTo(Member, personName);
        db.ExpectVersion(Member, Input.Version);
        if (!await db.TrySaveAsync())
        {
            await db.Entry(Member).ReloadAsync();
            return Conflicted();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Network/Index", new { id });
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, int memberId)
    {
        if (await LoadAsync(id, memberId) is { } refused) return refused;
        var typed = Input;
        Input = NetworkInput.From(Member);
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (Frozen) ModelState.AddModelError("", l[CaseRules.TakesNoWorkKey]);
        if (!Confirm) ModelState.AddModelError(nameof(Confirm), l["Network.ConfirmRequired"]);
        if (!ModelState.IsValid) return Page();
        Member.Active = false;
        db.ExpectVersion(Member, typed.Version);
        if (!await db.TrySaveAsync())
        {
            await db.Entry(Member).ReloadAsync();
            Input = NetworkInput.From(Member);
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        return RedirectToPage("/Cases/Network/Index", new { id });
    }

    private PageResult Conflicted()
    {
        var theirs = NetworkInput.From(Member);
        var rows = new List<(string, string, string)>();
        void Row(string key, string? mine, string? saved)
        {
            if ((TypedText.OrNull(mine) ?? "") != (saved ?? "")) rows.Add((l[key], mine ?? "", saved ?? ""));
        }
        Row("Network.Name", Input.PersonId is null ? Input.Name : Persons.FirstOrDefault(p => p.Id == Input.PersonId).Name, theirs.Name);
        if (Input.Relation != theirs.Relation)
            rows.Add((l["Network.Relation"], Input.Relation is { } r ? l.Label(r) : "", theirs.Relation is { } t ? l.Label(t) : ""));
        Row("Field.Phone", Input.Phone is null ? null : Domain.NameSearch.NormalisePhone(Input.Phone), theirs.Phone);
        Row("Network.RoleInPlan", Input.RoleInPlan, theirs.RoleInPlan);
        if (!Member.Active) rows.Add((l["Network.Inactive"], "", l["Network.Inactive"]));
        if (rows.Count == 0) rows.Add((l["Concurrency.NoFieldChanged"], "", ""));
        Conflict = rows;
        ModelState.Remove("Input.Version");
        Input.Version = Member.Version;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, int memberId)
    {
        var header = await db.LoadAsync(me, id);
        if (header is null) return NotFound();
        if (!header.MayWork) return Forbid();
        var member = await db.FamilyNetworkMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.CaseId == id);
        if (member is null) return NotFound();
        Id = id;
        Member = member;
        Frozen = !header.TakesWork;
        Persons = (await db.Persons.AsNoTracking().Where(p => p.HouseholdId == header.HouseholdId)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.FamilyNameKm, p.GivenNameKm }).ToListAsync())
            .Select(p => (p.Id, $"{p.FamilyNameKm} {p.GivenNameKm}")).ToList();
        return null;
    }
}
