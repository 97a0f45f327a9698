using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Api;

namespace VillageHive.Features.Admin.ApiClients;

/// <summary>
/// The systems that call the API (administrators only, by the /Admin folder's rule): list, create (the id and secret are
/// shown once, on this answer only), rotate the secret (shown once), revoke after a confirmation.
/// </summary>
public sealed class IndexModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string Name, string ClientId, string Role, ScopeLevel Level, IReadOnlyList<int> Areas,
        DateTime CreatedAt, DateTime? RotatedAt, DateTime? RevokedAt, DateTime? LastUsedAt);

    public sealed record Shown(string Name, string ClientId, string Secret);

    public IReadOnlyList<Row> Clients { get; private set; } = [];
    public IReadOnlyDictionary<(ScopeLevel, int), string> AreaNames { get; private set; } = new Dictionary<(ScopeLevel, int), string>();

    /// <summary>A new client's or a rotated secret, shown on this answer and never again.</summary>
    public Shown? Secret { get; private set; }

    /// <summary>The client waiting for the administrator to confirm its revocation.</summary>
    public Row? ConfirmRevoke { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Areas { get; set; }
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public int ClientRow { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        NoStore();
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), l["Validation.Required"]);
        if (string.IsNullOrWhiteSpace(Role)) ModelState.AddModelError(nameof(Role), l["Validation.Required"]);
        if (string.IsNullOrWhiteSpace(Areas)) ModelState.AddModelError(nameof(Areas), l["Validation.Required"]);
        if (ModelState.IsValid)
        {
            var codes = Areas!.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var made = await ApiClientStore.CreateAsync(db, Name!, Role!, codes, Organisation, me.UserName, clock.UtcNow);
            if (made.Client is { } client)
            {
                Secret = new Shown(client.Name, client.ClientId, made.Secret!);
                (Name, Role, Areas, Organisation) = (null, null, null, null);
                ModelState.Clear();
            }
            else ModelState.AddModelError("", l[made.ErrorKey!]);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        NoStore();
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == ClientRow);
        if (client is null || client.IsRevoked) ModelState.AddModelError("", l["ApiClient.NotFound"]);
        else
        {
            var secret = client.Rotate(clock.UtcNow);
            if (await db.SaveOrRefuseAsync() == SaveOutcome.Saved) Secret = new Shown(client.Name, client.ClientId, secret);
            else ModelState.AddModelError("", l["Concurrency.Changed"]);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == ClientRow);
        if (client is null || client.IsRevoked)
        {
            ModelState.AddModelError("", l["ApiClient.NotFound"]);
            await LoadAsync();
            return Page();
        }
        if (!Confirmed)
        {
            await LoadAsync();
            ConfirmRevoke = Clients.First(c => c.Id == client.Id);
            return Page();
        }
        client.Revoke(clock.UtcNow);
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            ModelState.AddModelError("", l["Concurrency.Changed"]);
            await LoadAsync();
            return Page();
        }
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["ApiClient.RevokedFlash"], client.Name);
        return RedirectToPage("/Admin/ApiClients/Index");
    }

    private void NoStore() => Response.Headers.CacheControl = "no-store";

    private async Task LoadAsync()
    {
        Clients = await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.ClientId, c.Role, c.ScopeLevel, c.ScopeAreaIds, c.CreatedAt, c.RotatedAt, c.RevokedAt, c.LastUsedAt))
            .ToListAsync();
        var villages = Clients.Where(c => c.Level == ScopeLevel.Villages).SelectMany(c => c.Areas).Distinct().ToList();
        var communes = Clients.Where(c => c.Level == ScopeLevel.Communes).SelectMany(c => c.Areas).Distinct().ToList();
        var districts = Clients.Where(c => c.Level == ScopeLevel.District).SelectMany(c => c.Areas).Distinct().ToList();
        var names = new Dictionary<(ScopeLevel, int), string>();
        foreach (var v in await db.Villages.AsNoTracking().Where(v => villages.Contains(v.Id)).ToListAsync())
            names[(ScopeLevel.Villages, v.Id)] = $"{v.Code} {v.Name()}";
        foreach (var c in await db.Communes.AsNoTracking().Where(c => communes.Contains(c.Id)).ToListAsync())
            names[(ScopeLevel.Communes, c.Id)] = $"{c.Code} {c.Name()}";
        foreach (var d in await db.Districts.AsNoTracking().Where(d => districts.Contains(d.Id)).ToListAsync())
            names[(ScopeLevel.District, d.Id)] = $"{d.Code} {d.Name()}";
        AreaNames = names;
    }

    public string AreaText(Row row) => string.Join(", ", row.Areas.Select(a => AreaNames.TryGetValue((row.Level, a), out var n) ? n : "?"));
}
