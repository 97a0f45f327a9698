using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// One day's register of one programme, as the register page and /api/sync both record it: the programme in scope,
/// a running role, no future day, only children enrolled on that day. <see cref="SyncRunner"/> supplies the transaction.
/// </summary>
public static class AttendanceCapture
{
    public static async Task<SyncOutcome> DayAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, HiveClock clock, LinkGenerator links,
        int programmeId, DateOnly? date, IReadOnlyList<(int EnrolmentId, AttendanceStatus Status)> posted, SyncRecord record)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(record);
        var programme = await db.HeaderAsync(me.Scope, programmeId);
        if (programme is null) return new SyncOutcome.NotFound();
        if (!me.MayRun()) return new SyncOutcome.Forbidden();
        if (date is not { } day) return SyncOutcome.Rejected.One("Date", l["Validation.Required"]);
        if (day > clock.Today) return SyncOutcome.Rejected.One("Date", l["Attendance.FutureDate"]);
        var ids = posted.Select(m => m.EnrolmentId).Distinct().ToList();
        var known = await db.Enrolments.AsNoTracking()
            .Where(EnrolmentRules.ActiveOn.Sql(day)).Where(e => e.ProgrammeId == programmeId && ids.Contains(e.Id))
            .Select(e => e.Id).ToListAsync();
        var marks = new Dictionary<int, AttendanceStatus>();
        foreach (var (enrolmentId, status) in posted)
        {
            if (!known.Contains(enrolmentId) || !Enum.IsDefined(status)) return SyncOutcome.Rejected.One("", l["Attendance.UnknownChild"]);
            marks[enrolmentId] = status;
        }
        if (marks.Count == 0) return SyncOutcome.Rejected.One("", l["Attendance.NoMarks"]);
        await db.RecordDayAsync(programme, day, marks,
            new ProgrammeQueries.MarkSource(me.UserName, record.ReceivedAt, record.DeviceRecordedAt, record.CapturedAt, record.ClientId));
        await db.SaveChangesAsync();
        return new SyncOutcome.Applied(programmeId, links.PathToPage("/Programmes/Attendance", new { id = programmeId, date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
    }
}

/// <summary>A day's register captured offline: the programme, the day and a mark per child, applied by <see cref="AttendanceCapture.DayAsync"/>.</summary>
public sealed class AttendanceKind(LinkGenerator links) : ICaptureKind
{
    public string Kind => SyncKinds.ProgrammeAttendance;

    public string Policy => Policies.ProgrammeRead;

    public async Task<SyncOutcome> ApplyAsync(CaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Data.Number("programmeId") is not { } programmeId) return SyncOutcome.Rejected.One("programmeId", request.L["Validation.Required"]);
        DateOnly? date = request.Data.Text("date") is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        if (date is null) return SyncOutcome.Rejected.One("date", request.L["Validation.Required"]);
        if (Marks(request.Data) is not { } marks) return SyncOutcome.Rejected.One("marks", request.L["Attendance.UnknownChild"]);
        return await SyncRunner.RunAsync(request.Db, request.L, request.Record, () => AttendanceCapture.DayAsync(request.Db, request.Me, request.L, request.Clock, links, programmeId, date, marks, request.Record));
    }

    private static List<(int, AttendanceStatus)>? Marks(RecordData data)
    {
        if (data.Prop("marks") is not { ValueKind: JsonValueKind.Array } marks) return null;
        var list = new List<(int, AttendanceStatus)>();
        foreach (var m in marks.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object || RecordData.Number(m, "enrolmentId") is not { } enrolment) return null;
            if (!Enum.TryParse<AttendanceStatus>(RecordData.Text(m, "status"), ignoreCase: true, out var status) || !Enum.IsDefined(status)) return null;
            list.Add((enrolment, status));
        }
        return list;
    }
}
