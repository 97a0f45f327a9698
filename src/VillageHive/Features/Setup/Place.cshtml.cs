using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Data.Gazetteer;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Setup;

/// <summary>
/// First run, last step: the Hive's time zone (kept in the database, used from then on), and the district and communes
/// this installation serves, chosen from the shipped gazetteer,
/// and each commune's villages typed by the people who know them (one a line: Khmer name, then "|" and the Latin
/// name if there is one). The administrator's area becomes the district. Run again, it adds what is new and keeps
/// what is there (places are matched by code).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class PlaceModel(HiveDbContext db, HiveClock clock, UserManager<HiveUser> users, SignInManager<HiveUser> signIn,
    CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Path = "/Setup/Place";
    public const int MaxVillages = 99;

    /// <summary>The zones offered: Cambodia's and its neighbours', and UTC (the one in use is added when it is another).</summary>
    public static readonly string[] OfferedZones = [HiveClock.DefaultZoneId, "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Vientiane", "UTC"];

    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? District { get; set; }
    [BindProperty] public List<string> Communes { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Villages { get; set; } = [];

    public IReadOnlyList<GazetteerPlace> Districts { get; private set; } = [];
    public IReadOnlyList<GazetteerPlace> CommunesOf { get; private set; } = [];
    public HashSet<string> Existing { get; private set; } = [];
    public IEnumerable<string> Zones => OfferedZones.Contains(clock.Zone.Id) ? OfferedZones : [clock.Zone.Id, .. OfferedZones];

    /// <summary>A zone as the list shows it: its id, its distance from UTC and the time there now.</summary>
    public string ShowZone(string id)
    {
        var zone = HiveClock.FindZone(id);
        var offset = zone.GetUtcOffset(clock.UtcNow);
        var local = TimeZoneInfo.ConvertTimeFromUtc(clock.UtcNow, zone);
        return $"{id} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}, {local.ToString("t", System.Globalization.CultureInfo.CurrentCulture)})";
    }

    public async Task OnGetAsync()
    {
        TimeZone ??= clock.Zone.Id;
        District ??= ShippedGazetteer.Places.FirstOrDefault(p => p.IsDistrict)?.Code;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        // A form without the list (a script's) keeps the zone in use.
        TimeZone ??= clock.Zone.Id;
        if (!Zones.Contains(TimeZone)) ModelState.AddModelError(nameof(TimeZone), l["Validation.Invalid"]);
        var district = District is null ? null : ShippedGazetteer.Find(District);
        if (district is not { IsDistrict: true }) ModelState.AddModelError(nameof(District), l["Validation.Required"]);
        var chosen = Communes.Distinct().Select(ShippedGazetteer.Find).ToList();
        if (chosen.Count == 0) ModelState.AddModelError(nameof(Communes), l["Setup.ChooseCommune"]);
        if (chosen.Any(c => c is not { IsCommune: true } || c.Parent != District)) ModelState.AddModelError(nameof(Communes), l["Validation.Invalid"]);
        var typed = new Dictionary<string, List<(string Km, string Latin)>>();
        foreach (var c in chosen.OfType<GazetteerPlace>())
        {
            var key = $"Villages[{c.Code}]";
            var lines = (Villages.GetValueOrDefault(c.Code) ?? "").Split('\n').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
            if (lines.Count == 0 && !Existing.Contains(c.Code)) ModelState.AddModelError(key, string.Format(l["Setup.VillagesRequired"], c.NameKm));
            if (lines.Count > MaxVillages) ModelState.AddModelError(key, l["Validation.TooLong"]);
            var names = lines.Select(x => x.Split('|', 2)).Select(p => (Km: p[0].Trim(), Latin: p.Length > 1 ? p[1].Trim() : "")).ToList();
            if (names.Any(n => n.Km.Length == 0 || n.Km.Length > 100 || n.Latin.Length > 100)) ModelState.AddModelError(key, l["Setup.VillageLine"]);
            if (names.Select(n => n.Km).Distinct().Count() != names.Count) ModelState.AddModelError(key, l["Setup.VillageTwice"]);
            typed[c.Code] = names;
        }
        if (!ModelState.IsValid) return Page();

        var provinceRow = ShippedGazetteer.Find(district!.Parent)!;
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Code == provinceRow.Code)
            ?? db.Provinces.Add(new Province { Code = provinceRow.Code, NameKm = provinceRow.NameKm, NameEn = provinceRow.NameLatin }).Entity;
        var districtRow = await db.Districts.FirstOrDefaultAsync(d => d.Code == district.Code)
            ?? db.Districts.Add(new Domain.District { Province = province, Code = district.Code, NameKm = district.NameKm, NameEn = district.NameLatin }).Entity;
        // The chosen communes already made, with their villages, in one query.
        var codes = chosen.OfType<GazetteerPlace>().Select(c => c.Code).ToList();
        var made = await db.Communes.Include(x => x.Villages).Where(x => codes.Contains(x.Code)).ToDictionaryAsync(x => x.Code);
        foreach (var c in chosen.OfType<GazetteerPlace>())
        {
            var commune = made.GetValueOrDefault(c.Code)
                ?? db.Communes.Add(new Commune { District = districtRow, Code = c.Code, NameKm = c.NameKm, NameEn = c.NameLatin }).Entity;
            var next = commune.Villages.Select(v => int.TryParse(v.Code[^2..], out var n) ? n : 0).DefaultIfEmpty(0).Max();
            foreach (var (km, latin) in typed[c.Code].Where(n => commune.Villages.All(v => v.NameKm != n.Km)))
            {
                if (++next > MaxVillages) break;
                // The code continues the commune's: the official village codes are checked on /Admin/Geography.
                commune.Villages.Add(new Village { Code = $"{c.Code}{next:00}", NameKm = km, NameEn = latin.Length > 0 ? latin : km });
            }
        }
        var installation = await db.Installations.FirstOrDefaultAsync() ?? db.Installations.Add(new Installation()).Entity;
        installation.TimeZoneId = TimeZone;
        await db.SaveChangesAsync();
        clock.UseZone(HiveClock.FindZone(TimeZone));

        // The administrator's area is the district they set up (added to what they had).
        var user = await users.FindByNameAsync(me.UserName);
        if (user is not null && !user.ScopeAreaIds.Contains(districtRow.Id) && user.ScopeLevel == ScopeLevel.District)
        {
            user.ScopeAreaIds = [.. user.ScopeAreaIds, districtRow.Id];
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }
        TempData["Flash"] = l["Setup.Done"].Value;
        return RedirectToPage("/Admin/Geography/Index");
    }

    private async Task LoadAsync()
    {
        Districts = ShippedGazetteer.Places.Where(p => p.IsDistrict).ToList();
        CommunesOf = ShippedGazetteer.Places.Where(p => p.IsCommune && p.Parent == District).ToList();
        Existing = (await db.Communes.Where(c => c.Villages.Any()).Select(c => c.Code).ToListAsync()).ToHashSet();
    }
}
