using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>Programme rows the caller may see (scope in the SQL), and saving a day's attendance.</summary>
public static class ProgrammeQueries
{
    /// <summary>A village programme is seen by users of that village; a commune programme by users with any village of the commune.</summary>
    public static IQueryable<Programme> ProgrammesIn(this HiveDbContext db, Scope scope)
    {
        var byVillage = scope.Contains<Programme>(p => p.Village!);
        var byCommune = scope.ContainsCommune<Programme>(p => p.Commune!);
        return db.Programmes.Where(byVillage.Or(p => p.VillageId == null)).Where(byCommune);
    }

    public static IQueryable<Enrolment> EnrolmentsIn(this HiveDbContext db, Scope scope)
    {
        var programmes = db.ProgrammesIn(scope).Select(p => p.Id);
        return db.Enrolments.Where(e => programmes.Contains(e.ProgrammeId));
    }

    public static IQueryable<AbsenceFollowUp> FollowUpsIn(this HiveDbContext db, Scope scope)
    {
        var enrolments = db.EnrolmentsIn(scope).Select(e => e.Id);
        return db.AbsenceFollowUps.Where(f => enrolments.Contains(f.EnrolmentId));
    }

    /// <summary>Who may enrol, mark attendance and follow up: the running roles in scope.</summary>
    public static bool MayRun(this CurrentUser me) => me.IsInAnyRole(Roles.ProgrammeRunners);

    public sealed record ProgrammeHeader(int Id, string Name, int CommuneId, int? VillageId, string? Place, int Capacity,
        string ProjectOfficer, int AbsenceThreshold, List<DateOnly> Holidays, string PlaceKm, string PlaceEn);

    public static Task<ProgrammeHeader?> HeaderAsync(this HiveDbContext db, Scope scope, int id) =>
        db.ProgrammesIn(scope).AsNoTracking().Where(p => p.Id == id)
            .Select(p => new ProgrammeHeader(p.Id, p.Name, p.CommuneId, p.VillageId, p.Place, p.Capacity, p.ProjectOfficer,
                p.AbsenceThreshold, p.Holidays,
                p.Village != null ? p.Village.NameKm : p.Commune!.NameKm,
                p.Village != null ? p.Village.NameEn : p.Commune!.NameEn))
            .FirstOrDefaultAsync();

    /// <summary>Where and when a day's marks were taken: the server's receive time, the device's clock, and the corrected capture time.</summary>
    public sealed record MarkSource(string By, DateTime ReceivedAt, DateTime? DeviceRecordedAt, DateTime CapturedAt, Guid? ClientId);

    /// <summary>
    /// Saves one day's marks and opens a follow-up for every child whose run of absences reaches the programme's
    /// threshold: one per run, so saving the day again changes nothing. Every mark goes into the history; it becomes
    /// the child's current mark of the day only if it was captured later than the current one (two phones marking the
    /// same child: the later-taken mark wins, whichever arrives first). The caller saves changes once, so marks and
    /// follow-ups are stored together.
    /// </summary>
    public static async Task RecordDayAsync(this HiveDbContext db, ProgrammeHeader programme, DateOnly date,
        IReadOnlyDictionary<int, AttendanceStatus> marks, MarkSource source)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(source);
        var ids = marks.Keys.ToList();
        var enrolments = await db.Enrolments.Where(e => e.ProgrammeId == programme.Id && ids.Contains(e.Id))
            .Select(e => new { e.Id, e.PersonId }).ToListAsync();
        var existing = await db.ProgrammeAttendance.Where(a => a.Date == date && ids.Contains(a.EnrolmentId)).ToListAsync();
        var current = new List<int>();
        foreach (var e in enrolments)
        {
            var status = marks[e.Id];
            var row = existing.FirstOrDefault(a => a.EnrolmentId == e.Id);
            var wins = row is null || AttendanceMarks.Supersedes(source.CapturedAt, row.CapturedAt ?? row.RecordedAt);
            db.ProgrammeAttendanceMarks.Add(new ProgrammeAttendanceMark
            {
                EnrolmentId = e.Id, Date = date, Status = status, RecordedBy = source.By, RecordedAt = source.ReceivedAt,
                DeviceRecordedAt = source.DeviceRecordedAt, CapturedAt = source.CapturedAt, ClientId = source.ClientId, BecameCurrent = wins,
            });
            if (!wins) continue;
            current.Add(e.Id);
            if (row is null)
            {
                db.ProgrammeAttendance.Add(new ProgrammeAttendance
                {
                    EnrolmentId = e.Id, PersonId = e.PersonId, Date = date, Status = status, RecordedBy = source.By, RecordedAt = source.ReceivedAt,
                    DeviceRecordedAt = source.DeviceRecordedAt, CapturedAt = source.CapturedAt,
                });
            }
            else
            {
                // The times move on even when the status stays, so a mark taken between the two cannot win afterwards.
                if (row.Status != status)
                {
                    row.Status = status;
                    row.RecordedBy = source.By;
                }
                row.RecordedAt = source.ReceivedAt;
                row.DeviceRecordedAt = source.DeviceRecordedAt;
                row.CapturedAt = source.CapturedAt;
            }
        }

        var absent = current.Where(id => marks[id] == AttendanceStatus.Absent).ToList();
        if (absent.Count == 0) return;
        // Enough history for any run the rule follows: Lookback school days, plus weekends and holidays.
        var since = date.AddDays(-(AbsenceRule.Lookback * 2));
        var history = await db.ProgrammeAttendance.AsNoTracking()
            .Where(a => absent.Contains(a.EnrolmentId) && a.Date >= since && a.Date < date)
            .Select(a => new { a.EnrolmentId, a.Date, a.Status }).ToListAsync();
        var followUps = await db.AbsenceFollowUps.Where(f => absent.Contains(f.EnrolmentId) && f.FromDate >= since).ToListAsync();
        foreach (var id in absent)
        {
            var days = history.Where(h => h.EnrolmentId == id).ToDictionary(h => h.Date, h => h.Status);
            days[date] = AttendanceStatus.Absent;
            if (AbsenceRule.FollowUpNeeded(date, days, programme.Holidays, programme.AbsenceThreshold) is not { } run) continue;
            var followUp = followUps.FirstOrDefault(f => f.EnrolmentId == id && f.FromDate == run.From);
            if (followUp is null)
                db.AbsenceFollowUps.Add(new AbsenceFollowUp { EnrolmentId = id, FromDate = run.From, Days = run.Days, Status = FollowUpStatus.Open, CreatedAt = source.ReceivedAt });
            else if (followUp.Status == FollowUpStatus.Open && followUp.Days != run.Days)
                followUp.Days = run.Days;
        }
    }
}
