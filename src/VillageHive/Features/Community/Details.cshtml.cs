using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Community;

/// <summary>An activity, its sessions and attendance over time; facilitators add sessions here.</summary>
[Authorize(Policy = Policies.ActivityRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    public Header Activity { get; private set; } = null!;
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<VillageRow> Villages { get; private set; } = [];
    public bool MayFacilitate { get; private set; }
    [BindProperty] public SessionInput Input { get; set; } = new();

    public sealed record Header(int Id, string Title, ActivityType Type, string Topic, string Facilitator);
    public sealed record VillageRow(int Id, string NameKm, string NameEn, bool Mine);
    public sealed record SessionRow(int Id, DateOnly Date, string VillageKm, string VillageEn, string? Place, int People, int Guests)
    {
        public int Total => People + Guests;
    }

    public sealed class SessionInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Session.Date")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Village")]
        public int? VillageId { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Session.Place")]
        public string? Place { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input.VillageId = Villages.FirstOrDefault(v => v.Mine)?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayFacilitate) return Forbid();
        if (Input.VillageId is { } v && !Villages.Any(x => x.Id == v && x.Mine))
            ModelState.AddModelError("Input.VillageId", l["Validation.VillageOutOfScope"]);
        if (Input.Date is { } d && (d.Year < 2000 || d.Year > 2100))
            ModelState.AddModelError("Input.Date", l["Validation.DateTooOld"]);
        if (!ModelState.IsValid) return Page();
        var session = new ActivitySession
        {
            ActivityId = id,
            Date = Input.Date!.Value,
            VillageId = Input.VillageId!.Value,
            Place = string.IsNullOrWhiteSpace(Input.Place) ? null : Input.Place.Trim(),
        };
        db.ActivitySessions.Add(session);
        await db.SaveChangesAsync();
        return RedirectToPage("/Community/Session", new { id = session.Id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var header = await db.ActivitiesIn(me.Scope).AsNoTracking().Where(a => a.Id == id)
            .Select(a => new Header(a.Id, a.Title, a.Type, a.Topic, a.Facilitator)).FirstOrDefaultAsync();
        if (header is null) return false;
        Activity = header;
        MayFacilitate = me.IsInAnyRole(Roles.ActivityFacilitators);
        var mine = db.Villages.Where(me.Scope.VillagePredicate()).Select(v => v.Id);
        Villages = await db.ActivityVillages.AsNoTracking().Where(v => v.ActivityId == id).OrderBy(v => v.Village!.Code)
            .Select(v => new VillageRow(v.VillageId, v.Village!.NameKm, v.Village.NameEn, mine.Contains(v.VillageId))).ToListAsync();
        Sessions = await db.SessionsIn(me.Scope).AsNoTracking().Where(s => s.ActivityId == id).OrderByDescending(s => s.Date).Take(200)
            .Select(s => new SessionRow(s.Id, s.Date, s.Village!.NameKm, s.Village.NameEn, s.Place,
                s.Attendance.Count(a => a.PersonId != null), s.Attendance.Where(a => a.PersonId == null).Sum(a => a.GuestCount)))
            .ToListAsync();
        return true;
    }
}
