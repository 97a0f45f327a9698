using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Capture;

/// <summary>
/// POST /api/sync: a batch of records captured on a phone, each applied exactly once through the same code as its
/// online form (<see cref="SyncRunner"/> and the per-kind capture classes), each in its own transaction.
/// GET /api/sync/token: the antiforgery token the batch must carry. See docs/offline-sync.md.
/// </summary>
public static class SyncEndpoints
{
    public const int MaxRecords = 200;

    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder app)
    {
        // Antiforgery itself marks the answer no-cache, no-store.
        app.MapGet("/api/sync/token", (HttpContext http, IAntiforgery antiforgery) =>
            Results.Json(new { token = antiforgery.GetAndStoreTokens(http).RequestToken })).RequireAuthorization();
        app.MapPost("/api/sync", SyncAsync).RequireAuthorization();
        return app;
    }

    private sealed record Answer(string ClientId, string Status, string Message, Dictionary<string, string>? Errors = null,
        string? Url = null, object? Current = null, object? Mine = null);

    private static async Task<IResult> SyncAsync(HttpContext http, IAntiforgery antiforgery, HiveDbContext db, CurrentUser me,
        HiveClock clock, IStringLocalizer<SharedResource> l, IAuthorizationService authorization, IEnumerable<ICaptureKind> kinds, ILoggerFactory logs)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Json(new { message = l["Sync.BadToken"].Value }, statusCode: StatusCodes.Status400BadRequest);
        var serverNow = clock.UtcNow;
        using var document = await ParseAsync(http.Request);
        var batch = document is null ? null : ReadBatch(document.RootElement);
        if (batch is null)
            return Results.Json(new { message = l["Sync.BadBatch"].Value }, statusCode: StatusCodes.Status400BadRequest);

        var skew = SyncClock.Skew(serverNow, batch.SentAt);
        var log = logs.CreateLogger(typeof(SyncEndpoints));
        var answers = new List<Answer>();
        foreach (var item in batch.Records)
        {
            var record = new SyncRecord(item.ClientId, item.Kind, me.UserName, serverNow, item.RecordedAt, SyncClock.Corrected(item.RecordedAt, skew, serverNow));
            SyncOutcome outcome;
            try
            {
                outcome = await ApplyAsync(http, db, me, clock, l, authorization, kinds, record, item.Data);
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
            {
                // Rolled back with its transaction: nothing of it is stored, and the other records go on.
                log.LogError(e, "Sync record {ClientId} ({Kind}) of {User} failed", item.ClientId, item.Kind, me.UserName);
                db.ChangeTracker.Clear();
                outcome = SyncOutcome.Rejected.One("", l["Sync.Failed"]);
            }
            answers.Add(ToAnswer(item.ClientId, outcome, l));
        }
        return Results.Json(new { serverTime = serverNow.ToString("O", CultureInfo.InvariantCulture), results = answers });
    }

    private static Answer ToAnswer(Guid clientId, SyncOutcome outcome, IStringLocalizer l)
    {
        var id = clientId.ToString();
        switch (outcome)
        {
            case SyncOutcome.Applied a:
                return new Answer(id, "applied", l["Sync.Applied"], Url: a.Url);
            case SyncOutcome.AlreadyApplied a:
                return new Answer(id, "alreadyApplied", l["Sync.AlreadyApplied"], Url: a.Url);
            case SyncOutcome.Conflict c:
                return new Answer(id, "conflict", l["Sync.Conflict"], Current: c.Current, Mine: c.Mine);
            case SyncOutcome.NotFound:
                return new Answer(id, "rejected", l["Sync.NotFound"], Errors: new() { [""] = l["Sync.NotFound"] });
            case SyncOutcome.Forbidden:
                return new Answer(id, "rejected", l["Sync.Forbidden"], Errors: new() { [""] = l["Sync.Forbidden"] });
            case SyncOutcome.Rejected r:
                var errors = r.Errors
                    .GroupBy(e => e.Key.StartsWith("Input.", StringComparison.Ordinal) ? e.Key["Input.".Length..] : e.Key)
                    .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Value).Distinct()));
                var message = string.Format(CultureInfo.CurrentCulture, l["Sync.Rejected"], string.Join(" ", errors.Values.Distinct()));
                return new Answer(id, "rejected", message, Errors: errors);
            default:
                throw new InvalidOperationException(outcome.GetType().Name);
        }
    }

    /// <summary>One record to its kind's capture code, after the same policy and model validation as the kind's page.</summary>
    private static async Task<SyncOutcome> ApplyAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock,
        IStringLocalizer<SharedResource> l, IAuthorizationService authorization, IEnumerable<ICaptureKind> kinds, SyncRecord record, JsonElement data)
    {
        var kind = kinds.FirstOrDefault(k => k.Kind == record.Kind);
        if (kind is null) return SyncOutcome.Rejected.One("", l["Sync.UnknownKind"]);
        if (!(await authorization.AuthorizeAsync(http.User, kind.Policy)).Succeeded) return new SyncOutcome.Forbidden();
        return await kind.ApplyAsync(new CaptureRequest(http, db, me, clock, l, record, new RecordData(http, data)));
    }

    private sealed record BatchRecord(Guid ClientId, string Kind, DateTime? RecordedAt, JsonElement Data);
    private sealed record Batch(DateTime SentAt, List<BatchRecord> Records);

    private static async Task<JsonDocument?> ParseAsync(HttpRequest request)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The batch, or null when it is not one: no sentAt, a record without a client id or data, too many records.</summary>
    private static Batch? ReadBatch(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        if (Time(RecordData.Prop(root, "sentAt")) is not { } sentAt) return null;
        if (RecordData.Prop(root, "records") is not { ValueKind: JsonValueKind.Array } records || records.GetArrayLength() > MaxRecords) return null;
        var list = new List<BatchRecord>();
        foreach (var r in records.EnumerateArray())
        {
            if (r.ValueKind != JsonValueKind.Object) return null;
            if (!Guid.TryParse(RecordData.Text(r, "clientId"), out var clientId) || clientId == Guid.Empty) return null;
            var recordedAt = RecordData.Prop(r, "recordedAt");
            DateTime? at = null;
            if (recordedAt is { ValueKind: not JsonValueKind.Null })
            {
                at = Time(recordedAt);
                if (at is null) return null;
            }
            var data = RecordData.Prop(r, "data") is { ValueKind: JsonValueKind.Object } d ? d : default;
            if (data.ValueKind != JsonValueKind.Object) return null;
            list.Add(new BatchRecord(clientId, RecordData.Text(r, "kind") ?? "", at, data));
        }
        return new Batch(sentAt, list);
    }

    private static DateTime? Time(JsonElement? e) =>
        e is { ValueKind: JsonValueKind.String } s && DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime : null;
}
