using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Community;
using VillageHive.Features.Programmes;
using VillageHive.Features.Referrals;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Sync;

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
        app.MapOfflineReads();
        return app;
    }

    private sealed record Answer(string ClientId, string Status, string Message, Dictionary<string, string>? Errors = null,
        string? Url = null, object? Current = null, object? Mine = null);

    private static async Task<IResult> SyncAsync(HttpContext http, IAntiforgery antiforgery, HiveDbContext db, CurrentUser me,
        HiveClock clock, IStringLocalizer<SharedResource> l, IAuthorizationService authorization, ILoggerFactory logs)
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
                outcome = await ApplyAsync(http, db, me, clock, l, authorization, record, item.Data);
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
        IStringLocalizer<SharedResource> l, IAuthorizationService authorization, SyncRecord record, JsonElement data)
    {
        var policy = record.Kind switch
        {
            SyncKinds.Referral => Policies.Refer,
            SyncKinds.Visit or SyncKinds.CaseNote => Policies.CaseWork,
            SyncKinds.ProgrammeAttendance => Policies.ProgrammeRead,
            SyncKinds.SessionAttendance => Policies.ActivityRead,
            _ => null,
        };
        if (policy is null) return SyncOutcome.Rejected.One("", l["Sync.UnknownKind"]);
        if (!(await authorization.AuthorizeAsync(http.User, policy)).Succeeded) return new SyncOutcome.Forbidden();

        switch (record.Kind)
        {
            case SyncKinds.Referral:
            {
                var (input, errors) = await BindAsync(http, new Referrals.NewModel.ReferralInput(), data);
                if (errors is not null) return errors;
                return await SyncRunner.RunAsync(db, l, record, async () =>
                {
                    var prepared = await ReferralCapture.PrepareAsync(db, me.Scope, clock, input);
                    return await ReferralCapture.ApplyAsync(db, me, l, clock, input, prepared, null, record);
                });
            }
            case SyncKinds.Visit:
            {
                if (Int(data, "caseId") is not { } caseId) return SyncOutcome.Rejected.One("caseId", l["Validation.Required"]);
                var (input, errors) = await BindAsync(http, new Cases.Visits.NewModel.VisitInput(), data);
                if (errors is not null) return errors;
                return await SyncRunner.RunAsync(db, l, record, () => CaseCapture.VisitAsync(db, me, l, clock, caseId, input, record));
            }
            case SyncKinds.CaseNote:
            {
                if (Int(data, "caseId") is not { } caseId) return SyncOutcome.Rejected.One("caseId", l["Validation.Required"]);
                var (input, errors) = await BindAsync(http, new Cases.Notes.NewModel.NoteInput(), data);
                if (errors is not null) return errors;
                return await SyncRunner.RunAsync(db, l, record, () => CaseCapture.NoteAsync(db, me, l, caseId, input, record));
            }
            case SyncKinds.ProgrammeAttendance:
            {
                if (Int(data, "programmeId") is not { } programmeId) return SyncOutcome.Rejected.One("programmeId", l["Validation.Required"]);
                DateOnly? date = Text(data, "date") is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
                if (date is null) return SyncOutcome.Rejected.One("date", l["Validation.Required"]);
                if (Marks(data) is not { } marks) return SyncOutcome.Rejected.One("marks", l["Attendance.UnknownChild"]);
                return await SyncRunner.RunAsync(db, l, record, () => AttendanceCapture.DayAsync(db, me, l, clock, programmeId, date, marks, record));
            }
            default:
            {
                if (Int(data, "sessionId") is not { } sessionId) return SyncOutcome.Rejected.One("sessionId", l["Validation.Required"]);
                if (Int(data, "baseVersion") is not { } baseVersion) return SyncOutcome.Rejected.One("baseVersion", l["Validation.Required"]);
                if (Ints(Prop(data, "personIds")) is not { } present) return SyncOutcome.Rejected.One("personIds", l["Session.UnknownPerson"]);
                // guests: the array of the form's guest cells, or (older phones) a total of unknown sex and age.
                var guests = Prop(data, "guests") ?? Prop(data, "guestCounts");
                IReadOnlyList<int>? counts = guests?.ValueKind == JsonValueKind.Array ? Ints(guests) : null;
                int? total = guests is { ValueKind: JsonValueKind.Number } g && g.TryGetInt32(out var n) ? n : null;
                if (guests is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } && counts is null && total is null)
                    return SyncOutcome.Rejected.One("guests", l["Session.GuestCountRange"]);
                var notes = Prop(data, "notes");
                var change = new SessionCapture.Change(present, counts, total,
                    notes?.ValueKind == JsonValueKind.String ? notes.Value.GetString() : null, notes is not null, baseVersion);
                return await SyncRunner.RunAsync(db, l, record, () => SessionCapture.ApplyAsync(db, me, l, sessionId, change, record));
            }
        }
    }

    /// <summary>
    /// Binds and validates the form's input model from the record's data through MVC's own model binding and
    /// validation, exactly as the form post is: the same attributes, messages and culture.
    /// </summary>
    private static async Task<(T Input, SyncOutcome.Rejected? Errors)> BindAsync<T>(HttpContext http, T input, JsonElement data) where T : class
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        Flatten(data, "Input", fields);
        var services = http.RequestServices;
        var context = new ActionContext(http, http.GetRouteData(), new ActionDescriptor(), new ModelStateDictionary());
        var values = new FormValueProvider(BindingSource.Form, new FormCollection(fields), CultureInfo.InvariantCulture);
        var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(typeof(T));
        var bindingInfo = new BindingInfo { BinderModelName = "Input", BindingSource = BindingSource.Form };
        var binder = services.GetRequiredService<IModelBinderFactory>().CreateBinder(new ModelBinderFactoryContext
        {
            Metadata = metadata, BindingInfo = bindingInfo, CacheToken = typeof(T),
        });
        var parameter = new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor { Name = "Input", ParameterType = typeof(T), BindingInfo = bindingInfo };
        var bound = await services.GetRequiredService<ParameterBinder>().BindModelAsync(context, binder, values, parameter, metadata, input, container: null);
        if (bound is { IsModelSet: true, Model: T model }) input = model;
        var valid = context.ModelState.IsValid;
        if (valid) return (input, null);
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(x => new KeyValuePair<string, string>(e.Key, x.ErrorMessage)))
            .ToList();
        return (input, new SyncOutcome.Rejected(errors));
    }

    /// <summary>JSON to form fields: objects become "a.b", arrays of objects "a[0].b", arrays of values repeat the key (like checkboxes).</summary>
    private static void Flatten(JsonElement element, string prefix, Dictionary<string, StringValues> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    // Record fields that are not the form's (caseId and the like) do no harm: the binder ignores unknown keys.
                    Flatten(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}", fields);
                }
                break;
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToList();
                if (items.All(i => i.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                {
                    fields[prefix] = new StringValues(items.Select(Scalar).Where(s => s is not null).ToArray());
                    break;
                }
                for (var i = 0; i < items.Count; i++) Flatten(items[i], $"{prefix}[{i}]", fields);
                break;
            default:
                if (Scalar(element) is { } value) fields[prefix] = value;
                break;
        }
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static JsonElement? Prop(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in data.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string? Text(JsonElement data, string name) => Prop(data, name) is { } v ? Scalar(v) : null;

    private static int? Int(JsonElement data, string name) =>
        int.TryParse(Text(data, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static List<int>? Ints(JsonElement? array)
    {
        if (array is not { ValueKind: JsonValueKind.Array } a) return null;
        var list = new List<int>();
        foreach (var item in a.EnumerateArray())
        {
            if (!int.TryParse(Scalar(item), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return null;
            list.Add(n);
        }
        return list;
    }

    private static List<(int, AttendanceStatus)>? Marks(JsonElement data)
    {
        if (Prop(data, "marks") is not { ValueKind: JsonValueKind.Array } marks) return null;
        var list = new List<(int, AttendanceStatus)>();
        foreach (var m in marks.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object || Int(m, "enrolmentId") is not { } enrolment) return null;
            if (!Enum.TryParse<AttendanceStatus>(Text(m, "status"), ignoreCase: true, out var status) || !Enum.IsDefined(status)) return null;
            list.Add((enrolment, status));
        }
        return list;
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
        if (Time(Prop(root, "sentAt")) is not { } sentAt) return null;
        if (Prop(root, "records") is not { ValueKind: JsonValueKind.Array } records || records.GetArrayLength() > MaxRecords) return null;
        var list = new List<BatchRecord>();
        foreach (var r in records.EnumerateArray())
        {
            if (r.ValueKind != JsonValueKind.Object) return null;
            if (!Guid.TryParse(Text(r, "clientId"), out var clientId) || clientId == Guid.Empty) return null;
            var recordedAt = Prop(r, "recordedAt");
            DateTime? at = null;
            if (recordedAt is { ValueKind: not JsonValueKind.Null })
            {
                at = Time(recordedAt);
                if (at is null) return null;
            }
            var data = Prop(r, "data") is { ValueKind: JsonValueKind.Object } d ? d : default;
            if (data.ValueKind != JsonValueKind.Object) return null;
            list.Add(new BatchRecord(clientId, Text(r, "kind") ?? "", at, data));
        }
        return new Batch(sentAt, list);
    }

    private static DateTime? Time(JsonElement? e) =>
        e is { ValueKind: JsonValueKind.String } s && DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime : null;
}
