using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure.Capture;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Community;

/// <summary>
/// A session's attendance list as the session page and /api/sync both save it: an edit of the session, so it carries
/// the Version it was made from; a stale one is a conflict with both versions and changes nothing.
/// </summary>
public static class SessionCapture
{
    /// <summary>
    /// The edit. GuestCounts in the order of <see cref="SessionModel.GuestCells"/>; or GuestTotal, a count of guests of
    /// unknown sex and age (an offline list that only counted heads); neither leaves the guests as they are. Notes null
    /// with NotesGiven false leaves the notes as they are.
    /// </summary>
    public sealed record Change(IReadOnlyList<int> Present, IReadOnlyList<int>? GuestCounts, int? GuestTotal, string? Notes, bool NotesGiven, int BaseVersion);

    /// <summary>One version of the list, for a conflict answer: flat, so a phone can show it as a list of values.</summary>
    public sealed record ListVersion(int Version, IReadOnlyList<int> PersonIds, int Guests, string? Notes);

    public static async Task<SyncOutcome> ApplyAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, LinkGenerator links, int sessionId, Change change, SyncRecord record)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(record);
        var session = await db.SessionsIn(me.Scope).Include(s => s.Attendance).FirstOrDefaultAsync(s => s.Id == sessionId);
        if (session is null) return new SyncOutcome.NotFound();
        if (!me.IsInAnyRole(Roles.ActivityFacilitators)) return new SyncOutcome.Forbidden();

        var errors = new List<KeyValuePair<string, string>>();
        var counts = change.GuestCounts;
        if (counts is not null && (counts.Count > SessionModel.GuestCells.Length || counts.Any(c => c is < 0 or > 1000)))
            errors.Add(new("Input.GuestCounts", l["Session.GuestCountRange"]));
        if (change.GuestTotal is < 0 or > 1000)
            errors.Add(new("Input.GuestCounts", l["Session.GuestCountRange"]));
        if (change.Notes is { Length: > 2000 })
            errors.Add(new("Input.Notes", l["Validation.TooLong"]));
        var present = change.Present.Distinct().ToList();
        var valid = await db.PersonsIn(me.Scope).Where(p => present.Contains(p.Id)).Select(p => p.Id).ToListAsync();
        if (valid.Count != present.Count) errors.Add(new("Input.Present", l["Session.UnknownPerson"]));
        if (errors.Count > 0) return new SyncOutcome.Rejected(errors);

        if (session.Version != change.BaseVersion) return await ConflictAsync(db, sessionId, change);
        var now = record.ReceivedAt;
        db.ExpectVersion(session, change.BaseVersion);
        if (change.NotesGiven) session.Notes = string.IsNullOrWhiteSpace(change.Notes) ? null : change.Notes.Trim();
        // Any change to the attendance also changes the session's version, so two phones cannot overwrite each other unseen.
        db.Entry(session).State = EntityState.Modified;
        // Only people this user can see are on the form: attendance of people from other villages stays as it is.
        var marked = session.Attendance.Where(a => a.PersonId != null).Select(a => a.PersonId!.Value).ToList();
        var visible = await db.PersonsIn(me.Scope).Where(p => marked.Contains(p.Id)).Select(p => p.Id).ToListAsync();
        var replaceGuests = counts is not null || change.GuestTotal is not null;
        foreach (var gone in session.Attendance.Where(a => (a.PersonId is null && replaceGuests) || (a.PersonId is { } p && visible.Contains(p) && !present.Contains(p))).ToList())
            session.Attendance.Remove(gone);
        foreach (var p in present.Where(p => session.Attendance.All(a => a.PersonId != p)))
            session.Attendance.Add(new SessionAttendance { PersonId = p, RecordedBy = me.UserName, RecordedAt = now, DeviceRecordedAt = record.DeviceRecordedAt });
        for (var i = 0; counts is not null && i < counts.Count; i++)
        {
            if (counts[i] == 0) continue;
            var cell = SessionModel.GuestCells[i];
            session.Attendance.Add(new SessionAttendance { GuestSex = cell.Sex, GuestAgeGroup = cell.Age, GuestCount = counts[i], RecordedBy = me.UserName, RecordedAt = now, DeviceRecordedAt = record.DeviceRecordedAt });
        }
        if (counts is null && change.GuestTotal is > 0)
            session.Attendance.Add(new SessionAttendance { GuestCount = change.GuestTotal.Value, RecordedBy = me.UserName, RecordedAt = now, DeviceRecordedAt = record.DeviceRecordedAt });
        if (!await db.TrySaveAsync())
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(db, sessionId, change);
        }
        return new SyncOutcome.Applied(sessionId, links.PathToPage("/Community/Session", new { id = sessionId }));
    }

    private static async Task<SyncOutcome> ConflictAsync(HiveDbContext db, int sessionId, Change change)
    {
        var rows = await db.SessionAttendance.AsNoTracking().Where(a => a.SessionId == sessionId).Select(a => new { a.PersonId, a.GuestCount }).ToListAsync();
        var head = await db.ActivitySessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.Version, s.Notes }).FirstAsync();
        var current = new ListVersion(head.Version, rows.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Order().ToList(),
            rows.Where(r => r.PersonId is null).Sum(r => r.GuestCount), head.Notes);
        var mine = new ListVersion(change.BaseVersion, change.Present.Distinct().Order().ToList(),
            change.GuestCounts?.Sum() ?? change.GuestTotal ?? current.Guests, change.NotesGiven ? change.Notes : head.Notes);
        return new SyncOutcome.Conflict(current, mine);
    }
}

/// <summary>A session's attendance captured offline: who came, the guests and the notes, on the version the phone saw.</summary>
public sealed class SessionKind(LinkGenerator links) : ICaptureKind
{
    public string Kind => SyncKinds.SessionAttendance;

    public string Policy => Policies.ActivityRead;

    public async Task<SyncOutcome> ApplyAsync(CaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Data;
        var l = request.L;
        if (data.Number("sessionId") is not { } sessionId) return SyncOutcome.Rejected.One("sessionId", l["Validation.Required"]);
        if (data.Number("baseVersion") is not { } baseVersion) return SyncOutcome.Rejected.One("baseVersion", l["Validation.Required"]);
        if (RecordData.Numbers(data.Prop("personIds")) is not { } present) return SyncOutcome.Rejected.One("personIds", l["Session.UnknownPerson"]);
        // guests: the array of the form's guest cells, or (older phones) a total of unknown sex and age.
        var guests = data.Prop("guests") ?? data.Prop("guestCounts");
        IReadOnlyList<int>? counts = guests?.ValueKind == JsonValueKind.Array ? RecordData.Numbers(guests) : null;
        int? total = guests is { ValueKind: JsonValueKind.Number } g && g.TryGetInt32(out var n) ? n : null;
        if (guests is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } && counts is null && total is null)
            return SyncOutcome.Rejected.One("guests", l["Session.GuestCountRange"]);
        var notes = data.Prop("notes");
        var change = new SessionCapture.Change(present, counts, total,
            notes?.ValueKind == JsonValueKind.String ? notes.Value.GetString() : null, notes is not null, baseVersion);
        return await SyncRunner.RunAsync(request.Db, l, request.Record, () => SessionCapture.ApplyAsync(request.Db, request.Me, l, links, sessionId, change, request.Record));
    }
}
