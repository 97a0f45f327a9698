using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// The daily register: one form, a present / absent / excused choice per child (present by default). Saving a day
/// again replaces its marks; every change is in the audit log. Absences in a row open follow-ups.
/// </summary>
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class AttendanceModel(HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l, LinkGenerator links) : PageModel
{
    public ProgrammeQueries.ProgrammeHeader Programme { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty] public List<Mark> Marks { get; set; } = [];
    /// <summary>New per render; the same register posted twice is applied once (see <see cref="SyncRunner"/>).</summary>
    [BindProperty] public Guid ClientId { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DateOnly PreviousDay { get; private set; }
    public bool InFuture { get; private set; }
    public bool Saved { get; private set; }
    public bool MayRun { get; private set; }

    public sealed class Mark
    {
        public int EnrolmentId { get; set; }
        public AttendanceStatus Status { get; set; }
    }

    public sealed record Row(int EnrolmentId, string NameKm, string? NameLatin, AttendanceStatus Status, AttendanceStatus? Previous);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (InFuture) ModelState.AddModelError("Date", l["Attendance.FutureDate"]);
        ClientId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayRun) return Forbid();
        if (!ModelState.IsValid) return Page();
        var record = SyncRecord.Online(ClientId, SyncKinds.ProgrammeAttendance, me.UserName, clock.UtcNow);
        var posted = Marks.Select(m => (m.EnrolmentId, m.Status)).ToList();
        var outcome = await SyncRunner.RunAsync(db, l, record, () => AttendanceCapture.DayAsync(db, me, l, clock, links, id, Date, posted, record));
        if (this.Refusal(outcome, Page) is { } refused) return refused;
        var marks = Marks.GroupBy(m => m.EnrolmentId).ToDictionary(g => g.Key, g => g.Last().Status);
        TempData["Flash"] = string.Format(l["Attendance.Saved"], marks.Count, marks.Values.Count(s => s == AttendanceStatus.Absent));
        return RedirectToPage("/Programmes/Attendance", new { id, date = Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return false;
        Programme = header;
        MayRun = me.MayRun();
        Today = clock.Today;
        var date = Date ?? Today;
        Date = date;
        InFuture = date > Today;
        PreviousDay = AbsenceRule.PreviousSchoolDay(date, header.Holidays);
        var previous = PreviousDay;
        var rows = await db.Enrolments.AsNoTracking()
            .Where(EnrolmentRules.ActiveOn.Sql(date)).Where(e => e.ProgrammeId == id)
            .OrderBy(e => e.Person!.FamilyNameKm).ThenBy(e => e.Person!.GivenNameKm)
            .Select(e => new
            {
                e.Id, NameKm = e.Person!.FamilyNameKm + " " + e.Person.GivenNameKm, NameLatin = e.Person.FamilyNameLatin + " " + e.Person.GivenNameLatin,
                Today = db.ProgrammeAttendance.Where(a => a.EnrolmentId == e.Id && a.Date == date).Select(a => (AttendanceStatus?)a.Status).FirstOrDefault(),
                Previous = db.ProgrammeAttendance.Where(a => a.EnrolmentId == e.Id && a.Date == previous).Select(a => (AttendanceStatus?)a.Status).FirstOrDefault(),
            })
            .ToListAsync();
        Saved = rows.Any(r => r.Today is not null);
        // After a refused post the choices made stay on the form.
        var posted = Marks.GroupBy(m => m.EnrolmentId).ToDictionary(g => g.Key, g => g.Last().Status);
        Rows = rows.Select(r => new Row(r.Id, r.NameKm, r.NameLatin, posted.TryGetValue(r.Id, out var s) ? s : r.Today ?? AttendanceStatus.Present, r.Previous)).ToList();
        return true;
    }
}
