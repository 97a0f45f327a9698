using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Capture;

namespace VillageHive.Infrastructure.Api;

/// <summary>
/// An API write runs exactly once per client-generated request id, through <see cref="SyncRunner"/> like a phone's
/// record (the receipt is the first row of the write's transaction). The receipt keeps a hash of what was asked: the
/// same id again with the same content answers with the record as it is now (200); with other content, or from another
/// client, it is a conflict (409) and nothing is saved.
/// </summary>
public static class ApiWrites
{
    public static string Fingerprint(object request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType())));

    /// <summary>Applies the write, or recognises its repeat; <paramref name="show"/> answers with the record by its id (201 at <paramref name="location"/> when it is new).</summary>
    public static async Task<IResult> RunAsync(HiveDbContext db, IStringLocalizer l, CurrentUser me, HiveClock clock, string kind, Guid requestId,
        object request, Func<SyncRecord, Task<SyncOutcome>> apply, Func<int, Task<IResult>> show, Func<int, string>? location = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(show);
        var fingerprint = Fingerprint(request);
        if (await Earlier(db, requestId) is { } earlier) return await RepeatAsync(earlier);
        var now = clock.UtcNow;
        var record = new SyncRecord(requestId, kind, me.UserName, now, null, now, fingerprint);
        SyncOutcome outcome;
        try
        {
            outcome = await SyncRunner.RunAsync(db, l, record, () => apply(record));
        }
        catch (DbUpdateException)
        {
            // A unique key another record holds (an external id taken at the same moment): nothing was saved.
            db.ChangeTracker.Clear();
            return ApiProblems.Result(l, StatusCodes.Status409Conflict, "Api.Refused");
        }
        switch (outcome)
        {
            case SyncOutcome.Applied applied:
                var answer = await show(applied.EntityId);
                // A new record is 201 with its address; a change answers with the record as it is now.
                return location is not null && answer is IValueHttpResult { Value: { } value } ? Results.Created(location(applied.EntityId), value) : answer;
            case SyncOutcome.AlreadyApplied when await Earlier(db, requestId) is { } raced:
                return await RepeatAsync(raced);
            default:
                return Answer(l, outcome);
        }

        async Task<IResult> RepeatAsync(SyncReceipt earlier) =>
            earlier.UserName == me.UserName && earlier.Kind == kind && earlier.Fingerprint == fingerprint && earlier.EntityId is { } id
                ? await show(id)
                : ApiProblems.Result(l, StatusCodes.Status409Conflict, "Api.RequestIdConflict");
    }

    /// <summary>Anything but "applied" as a problem: field errors 422, a changed version 409, out of scope 404, not allowed 403.</summary>
    public static IResult Answer(IStringLocalizer l, SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Rejected r => ApiProblems.Result(l, StatusCodes.Status422UnprocessableEntity, "Api.Invalid",
            r.Errors.GroupBy(e => ApiProblems.JsonName(e.Key)).ToDictionary(g => g.Key, g => g.Select(e => e.Value).Distinct().ToArray())),
        SyncOutcome.Conflict c => ApiProblems.Result(l, StatusCodes.Status409Conflict, "Api.VersionConflict", extra: c.Current),
        SyncOutcome.NotFound => ApiProblems.NotFound(l),
        SyncOutcome.Forbidden => ApiProblems.Result(l, StatusCodes.Status403Forbidden, "Api.Forbidden"),
        _ => ApiProblems.Result(l, StatusCodes.Status409Conflict, "Api.RequestIdConflict"),
    };

    private static Task<SyncReceipt?> Earlier(HiveDbContext db, Guid requestId) =>
        db.SyncReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.ClientId == requestId);
}
