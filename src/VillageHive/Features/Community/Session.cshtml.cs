using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Community;

/// <summary>
/// Session attendance on a phone: one form with a tap target per expected person (those who came to this activity
/// before), a search that adds registry persons to the list without losing the taps, and guest counts by sex and
/// age group. Saving replaces the session's attendance.
/// </summary>
[Authorize(Policy = Policies.ActivityRead)]
public sealed class SessionModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l, LinkGenerator links) : PageModel
{
    public static readonly (Sex Sex, AgeGroup Age)[] GuestCells =
        [.. from s in new[] { Sex.Female, Sex.Male } from a in Enum.GetValues<AgeGroup>() select (s, a)];

    [BindProperty] public AttendanceInput Input { get; set; } = new();
    /// <summary>New per render; the same list posted twice is saved once (see <see cref="SyncRunner"/>).</summary>
    [BindProperty] public Guid ClientId { get; set; }
    public Header Session { get; private set; } = null!;
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public bool MayTake { get; private set; }
    public bool Posted { get; private set; }
    public IReadOnlyList<(string, string, string)> Conflict { get; private set; } = [];

    public sealed record Header(int Id, int ActivityId, string Title, ActivityType Type, DateOnly Date, string VillageKm, string VillageEn, string? Place, int Version);
    public sealed record PersonRow(int Id, string NameKm, string? NameLatin, string VillageKm, string VillageEn);

    public sealed class AttendanceInput
    {
        public List<int> Present { get; set; } = [];
        /// <summary>Persons shown on the form (expected and found by search), so a search keeps earlier finds.</summary>
        public List<int> Shown { get; set; } = [];
        public List<int> GuestCounts { get; set; } = [];

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        public string? Q { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Session.Notes")]
        public string? Notes { get; set; }

        /// <summary>Always sent by the form; a post without it is not this form's.</summary>
        [Required(ErrorMessage = "Validation.Required")]
        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadHeaderAsync(id)) return NotFound();
        var rows = await db.SessionAttendance.AsNoTracking().Where(a => a.SessionId == id).ToListAsync();
        Input.Present = rows.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).ToList();
        Input.GuestCounts = GuestCells.Select(c => rows.Where(r => r.PersonId is null && r.GuestSex == c.Sex && r.GuestAgeGroup == c.Age).Sum(r => r.GuestCount)).ToList();
        Input.Notes = await db.ActivitySessions.Where(s => s.Id == id).Select(s => s.Notes).FirstAsync();
        Input.Version = Session.Version;
        ClientId = Guid.NewGuid();
        await LoadPeopleAsync(id, []);
        return Page();
    }

    /// <summary>Finds registry persons by name and adds them to the list; nothing is saved.</summary>
    public async Task<IActionResult> OnPostSearchAsync(int id)
    {
        if (!await LoadHeaderAsync(id)) return NotFound();
        ModelState.Clear();
        Posted = true;
        var name = NameSearch.Normalise(Input.Q);
        var found = name.Length < 2 ? [] : await db.PersonsIn(me.Scope).Where(p => p.MergedIntoPersonId == null && p.SearchName.Contains(name))
            .OrderBy(p => p.FamilyNameKm).Take(15).Select(p => p.Id).ToListAsync();
        if (name.Length >= 2 && found.Count == 0) ModelState.AddModelError("Input.Q", l["Enrol.NoMatch"]);
        await LoadPeopleAsync(id, found);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadHeaderAsync(id)) return NotFound();
        if (!MayTake) return Forbid();
        Posted = true;
        if (!ModelState.IsValid)
        {
            await LoadPeopleAsync(id, []);
            return Page();
        }
        var record = SyncRecord.Online(ClientId, SyncKinds.SessionAttendance, me.UserName, clock.UtcNow);
        var change = new SessionCapture.Change(Input.Present, Input.GuestCounts, null, Input.Notes, true, Input.Version!.Value);
        var outcome = await SyncRunner.RunAsync(db, l, record, () => SessionCapture.ApplyAsync(db, me, l, links, id, change, record));
        if (outcome is SyncOutcome.Conflict { Current: SessionCapture.ListVersion theirs, Mine: SessionCapture.ListVersion mine })
        {
            var culture = System.Globalization.CultureInfo.CurrentCulture;
            Conflict = [(l["Session.Present"], mine.PersonIds.Count.ToString(culture), theirs.PersonIds.Count.ToString(culture))];
            Input.Version = theirs.Version;
            // A new id: the next save is a new edit, made knowing the other one.
            ClientId = Guid.NewGuid();
        }
        if (outcome is not (SyncOutcome.Applied or SyncOutcome.AlreadyApplied)) await LoadPeopleAsync(id, []);
        if (this.Refusal(outcome, Page) is { } refused) return refused;
        TempData["Flash"] = string.Format(l["Session.Saved"], Input.Present.Distinct().Count(), Input.GuestCounts.Sum());
        return RedirectToPage("/Community/Details", new { id = Session.ActivityId });
    }

    private async Task<bool> LoadHeaderAsync(int id)
    {
        var header = await db.SessionsIn(me.Scope).AsNoTracking().Where(s => s.Id == id)
            .Select(s => new Header(s.Id, s.ActivityId, s.Activity!.Title, s.Activity.Type, s.Date, s.Village!.NameKm, s.Village.NameEn, s.Place, s.Version))
            .FirstOrDefaultAsync();
        if (header is null) return false;
        Session = header;
        MayTake = me.IsInAnyRole(Roles.ActivityFacilitators);
        return true;
    }

    /// <summary>Who came to this activity before, who is marked now, and who was found: one list, in scope.</summary>
    private async Task LoadPeopleAsync(int id, List<int> found)
    {
        var activityId = Session.ActivityId;
        var before = db.SessionAttendance.Where(a => a.Session!.ActivityId == activityId && a.PersonId != null).Select(a => a.PersonId!.Value);
        var extra = Input.Present.Concat(Input.Shown).Concat(found).Distinct().ToList();
        People = await db.PersonsIn(me.Scope).AsNoTracking()
            .Where(p => before.Contains(p.Id) || extra.Contains(p.Id))
            .OrderBy(p => p.FamilyNameKm).ThenBy(p => p.GivenNameKm).Take(200)
            .Select(p => new PersonRow(p.Id, p.FamilyNameKm + " " + p.GivenNameKm, p.FamilyNameLatin + " " + p.GivenNameLatin, p.Household!.Village!.NameKm, p.Household.Village.NameEn))
            .ToListAsync();
        while (Input.GuestCounts.Count < GuestCells.Length) Input.GuestCounts.Add(0);
    }
}
