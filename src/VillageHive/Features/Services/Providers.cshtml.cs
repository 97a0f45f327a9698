using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Services;

/// <summary>The organisations of the Services Network: the list, and a form to add one or change the one chosen.</summary>
[Authorize(Policy = Policies.ServiceAdmin)]
public sealed class ProvidersModel(HiveDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ProviderInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Providers.Name")]
        public string? Name { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Providers.Contact")]
        public string? ContactName { get; set; }

        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
        [Display(Name = "Field.Phone")]
        public string? Phone { get; set; }

        [StringLength(500, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Address")]
        public string? Address { get; set; }

        public int Version { get; set; }
    }

    [BindProperty] public ProviderInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<(int Id, string Name, string? Contact, string? Phone, int Services)> Rows { get; private set; } = [];
    public IReadOnlyList<(string Label, string Mine, string Theirs)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        await LoadAsync();
        if (id is not { } pid) return Page();
        var p = await db.ServiceProviders.AsNoTracking().FirstOrDefaultAsync(x => x.Id == pid);
        if (p is null) return NotFound();
        Id = pid;
        Input = new ProviderInput { Name = p.Name, ContactName = p.ContactName, Phone = p.Phone, Address = p.Address, Version = p.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        await LoadAsync();
        ProviderOrganisation? p = null;
        if (id is { } pid)
        {
            p = await db.ServiceProviders.FirstOrDefaultAsync(x => x.Id == pid);
            if (p is null) return NotFound();
            Id = pid;
        }
        var name = Input.Name?.Trim();
        if (name is not null && await db.ServiceProviders.AnyAsync(x => x.Name == name && x.Id != (id ?? 0)))
            ModelState.AddModelError("Input.Name", l["Providers.NameTaken"]);
        if (!ModelState.IsValid) return Page();
        p ??= new ProviderOrganisation();
        if (p.Id != 0 && p.Version != Input.Version)
        {
            Conflict = [(l["Providers.Name"], name ?? "", p.Name)];
            ModelState.Remove("Input.Version");
            Input.Version = p.Version;
            return Page();
        }
        p.Name = name!;
        p.ContactName = TypedText.OrNull(Input.ContactName);
        p.Phone = NameSearch.NormalisePhone(Input.Phone) is { Length: > 0 } digits ? digits : null;
        p.Address = TypedText.OrNull(Input.Address);
        if (p.Id == 0) db.ServiceProviders.Add(p);
        else db.ExpectVersion(p, Input.Version);
        if (!await db.TrySaveAsync())
        {
            await db.Entry(p).ReloadAsync();
            Conflict = [(l["Providers.Name"], name ?? "", p.Name)];
            ModelState.Remove("Input.Version");
            Input.Version = p.Version;
            return Page();
        }
        TempData["Flash"] = l["Form.Saved"].Value;
        // Back to the list and an empty form: id null, or routing would keep the provider id of this request.
        return RedirectToPage("/Services/Providers", new { id = (int?)null });
    }

    private async Task LoadAsync()
    {
        var rows = await db.ServiceProviders.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.ContactName, p.Phone, Services = db.Services.Count(s => s.ProviderId == p.Id) })
            .ToListAsync();
        Rows = rows.Select(r => (r.Id, r.Name, r.ContactName, r.Phone, r.Services)).ToList();
    }

}
