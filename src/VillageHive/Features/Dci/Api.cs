using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Api;
using VillageHive.Infrastructure.Audit;
using VillageHive.Infrastructure.Dci;

namespace VillageHive.Features.Dci;

/// <summary>
/// The DCI Social Registry API (docs/interop.md, decision 0032): <c>/dci/registry/…</c> with the specification's
/// envelope (signature, header, message). A DCI client is an API client: the same token, scope and audit. Households
/// only, and of them only the allow-listed attributes (<see cref="DciQuery"/>); nothing of cases or protection.
/// </summary>
public static partial class DciApi
{
    public const string Prefix = "/dci/registry";
    public const string RecordType = "Group";
    public const string RegistryType = "ns:org:RegistryType:Social";
    public static WebApplication MapDci(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/.well-known/jwks.json", (DciKeys keys) => Results.Json(keys.Jwks())).AllowAnonymous().WithTags("DCI Social Registry")
            .WithSummary("The registry's Ed25519 signing key (JSON Web Key Set)");
        app.MapGet("/.well-known/locations.json", LocationsAsync).AllowAnonymous().WithTags("DCI Social Registry")
            .WithSummary("The gazetteer: provinces, districts, communes and villages with their official codes");
        var dci = app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizeAttribute(Policies.RegistryRead) { AuthenticationSchemes = ApiSetup.Scheme })
            .RequireRateLimiting(ApiSetup.RateLimit)
            .DisableAntiforgery()
            .WithTags("DCI Social Registry");
        dci.MapPost("/sync/search", (HttpContext http, DciRequests r) => r.HandleAsync(http, "search", sync: true))
            .WithSummary("Search households, answered at once (on-search envelope)");
        dci.MapPost("/search", (HttpContext http, DciRequests r) => r.HandleAsync(http, "search", sync: false))
            .WithSummary("Search households; the answer goes to the sender's on-search");
        dci.MapPost("/subscribe", (HttpContext http, DciRequests r) => r.HandleAsync(http, "subscribe", sync: false))
            .WithSummary("Subscribe to changes of matching households; notifications go to the sender's notify");
        dci.MapPost("/unsubscribe", (HttpContext http, DciRequests r) => r.HandleAsync(http, "unsubscribe", sync: false))
            .WithSummary("End subscriptions");
        dci.MapPost("/txn/status", (HttpContext http, DciRequests r) => r.HandleAsync(http, "txn-status", sync: false))
            .WithSummary("The status of an earlier request; the answer goes to the sender's txn/on-status");
        dci.MapPost("/sync/txn/status", (HttpContext http, DciRequests r) => r.HandleAsync(http, "txn-status", sync: true))
            .WithSummary("The status of an earlier request, answered at once");
        return app;
    }

    private static async Task<IResult> LocationsAsync(HiveDbContext db)
    {
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).Select(p => new { code = p.Code, name_km = p.NameKm, name_en = p.NameEn }).ToListAsync();
        var districts = await db.Districts.AsNoTracking().OrderBy(p => p.Code).Select(p => new { code = p.Code, name_km = p.NameKm, name_en = p.NameEn, parent = p.Province!.Code }).ToListAsync();
        var communes = await db.Communes.AsNoTracking().OrderBy(p => p.Code).Select(p => new { code = p.Code, name_km = p.NameKm, name_en = p.NameEn, parent = p.District!.Code }).ToListAsync();
        var villages = await db.Villages.AsNoTracking().OrderBy(p => p.Code).Select(p => new { code = p.Code, name_km = p.NameKm, name_en = p.NameEn, parent = p.Commune!.Code }).ToListAsync();
        return Results.Json(new { version = "1.0.0", provinces, districts, communes, villages });
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    public static partial Regex Timestamp();

    [GeneratedRegex("^[a-z]{3}$")]
    public static partial Regex Locale();

    public static string Now(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The household as a Group record: only the allow-listed attributes.</summary>
    public sealed record GroupRow(int Id, IdPoorStatus IdPoor, string VillageCode, string CommuneCode, DateTime UpdatedAt, List<MemberRow> Members);

    public sealed record MemberRow(Sex Sex, DateOnly? DateOfBirth, int? EstimatedBirthYear);

    public static IQueryable<GroupRow> Groups(IQueryable<Household> q) => q.Select(h => new GroupRow(h.Id, h.IdPoor, h.Village!.Code, h.Village.Commune!.Code, h.UpdatedAt,
        h.Members.Where(m => m.MergedIntoPersonId == null).OrderBy(m => m.Id).Select(m => new MemberRow(m.Sex, m.DateOfBirth, m.EstimatedBirthYear)).ToList()));

    public static JsonObject Record(GroupRow g) => new()
    {
        ["@type"] = RecordType,
        ["group_identifier"] = new JsonArray(new JsonObject { ["@type"] = "Identifier", ["identifier_type"] = "HOUSEHOLD_ID", ["identifier_value"] = g.Id.ToString(CultureInfo.InvariantCulture) }),
        ["group_size"] = g.Members.Count,
        [DciQuery.IdPoorLevel] = DciQuery.IdPoorName(g.IdPoor),
        [DciQuery.VillageCode] = g.VillageCode,
        [DciQuery.CommuneCode] = g.CommuneCode,
        ["member_list"] = new JsonArray(g.Members.Select(m => (JsonNode)new JsonObject
        {
            ["@type"] = "Member",
            ["demographic_info"] = new JsonObject
            {
                ["@type"] = "SRPerson",
                ["sex"] = m.Sex == Sex.Female ? "female" : "male",
                [DciQuery.BirthYear] = m.DateOfBirth?.Year ?? m.EstimatedBirthYear,
            },
        }).ToArray()),
        ["last_updated"] = Now(g.UpdatedAt),
    };

    /// <summary>Households the client may see: its area, not merged away.</summary>
    public static IQueryable<Household> Visible(HiveDbContext db, Scope scope) =>
        db.HouseholdsIn(scope).AsNoTracking().Where(h => h.MergedIntoHouseholdId == null);

    /// <summary>A header of a message the registry sends (a callback, a notification, a sync answer).</summary>
    public static JsonObject Header(DciKeys keys, string action, string status, string? receiverId, int total, int completed, DateTime now, string? reasonMessage = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var header = new JsonObject
        {
            ["version"] = "1.0.0",
            ["message_id"] = NewId(),
            ["message_ts"] = Now(now),
            ["action"] = action,
            ["status"] = status,
            ["total_count"] = total,
            ["completed_count"] = completed,
            ["sender_id"] = keys.SenderId,
        };
        if (!string.IsNullOrEmpty(receiverId)) header["receiver_id"] = receiverId;
        if (reasonMessage is not null) header["status_reason_message"] = reasonMessage;
        return header;
    }
}

/// <summary>One DCI request: its envelope checked, its signature, its message id once; then the action.</summary>
public sealed class DciRequests(HiveDbContext db, CurrentUser me, HiveClock clock, DciKeys keys, DciOutboxSignal signal, AuditLog audit, IConfiguration config)
{
    private sealed class Refused(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;
        public string Code { get; } = code;
    }

    private static string ClientId(HttpContext http) => http.User.FindFirstValue(ApiClaims.ClientId) ?? "";

    public async Task<IResult> HandleAsync(HttpContext http, string action, bool sync)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.HasJsonContentType()) return Err(StatusCodes.Status415UnsupportedMediaType, "err.request.bad", "The body must be application/json");
        if (http.Request.ContentLength > 256 * 1024) return Err(StatusCodes.Status413PayloadTooLarge, "err.request.bad", "The body is too large");
        string text;
        using (var reader = new StreamReader(http.Request.Body))
            text = await reader.ReadToEndAsync(http.RequestAborted);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return Err(StatusCodes.Status400BadRequest, "err.request.bad", "The body is not JSON");
        }
        using (doc)
        {
            try
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw Bad("The body must be an object with header and message");
                var header = Object(root, "header");
                var message = Object(root, "message");
                CheckHeader(header, action, sync);
                if (message.TryGetProperty("ciphertext", out _)) throw new Refused(400, "err.encryption.invalid", "Encrypted messages are not accepted");
                await CheckSignatureAsync(http, root, header, message);
                Check(action, message);
                var senderUri = sync ? null : CallbackUri(header);
                await RememberMessageAsync(http, header.GetProperty("message_id").GetString()!);
                var senderId = header.GetProperty("sender_id").GetString();
                var correlationId = DciApi.NewId();
                var (answer, status, total, completed, reason) = action switch
                {
                    "search" => await SearchAsync(http, message, correlationId),
                    "subscribe" => await SubscribeAsync(http, message, correlationId, senderId, senderUri),
                    "unsubscribe" => await UnsubscribeAsync(http, message, correlationId),
                    _ => await TxnStatusAsync(http, message, correlationId),
                };
                var replyAction = action == "txn-status" ? "txn-on-status" : "on-" + action;
                var replyHeader = DciApi.Header(keys, replyAction, status, senderId, total, completed, clock.UtcNow, reason);
                if (sync)
                {
                    var h = replyHeader.ToJsonString();
                    var m = answer.ToJsonString();
                    return Results.Text(DciOutbox.Envelope(keys.Sign(h, m, clock.UtcNow), h, m), "application/json", statusCode: StatusCodes.Status200OK);
                }
                var now = clock.UtcNow;
                db.DciOutbox.Add(new DciOutboxMessage
                {
                    ClientId = ClientId(http), Url = senderUri!.AbsoluteUri, Action = replyAction, CreatedAt = now, NextAttemptAt = now,
                    Body = new JsonObject { ["header"] = replyHeader, ["message"] = answer }.ToJsonString(),
                });
                await db.SaveChangesAsync();
                signal.Wake();
                return Results.Json(new { message = new { ack_status = "ACK", timestamp = DciApi.Now(now), correlation_id = correlationId } }, statusCode: StatusCodes.Status202Accepted);
            }
            catch (Refused e)
            {
                return Err(e.Status, e.Code, e.Message);
            }
        }
    }

    private IResult Err(int status, string code, string message) => Results.Json(new
    {
        message = new { ack_status = "ERR", timestamp = DciApi.Now(clock.UtcNow), correlation_id = DciApi.NewId(), error = new { code, message } },
    }, statusCode: status);

    private static Refused Bad(string message) => new(StatusCodes.Status400BadRequest, "err.request.bad", message);

    private static JsonElement Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object ? e : throw Bad($"{name} must be an object");

    private static string Text(JsonElement parent, string name, int max = 99, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String || e.GetString()!.Length == 0)
            throw Bad($"{path ?? name} is required (text)");
        var s = e.GetString()!;
        return s.Length <= max ? s : throw Bad($"{path ?? name} is longer than {max} characters");
    }

    private static void Timestamp(JsonElement parent, string name, string path)
    {
        var s = Text(parent, name, 40, path);
        if (!DciApi.Timestamp().IsMatch(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw Bad($"{path} must be an ISO 8601 date and time with its time zone");
    }

    private static void OptionalLocale(JsonElement parent, string path)
    {
        if (parent.TryGetProperty("locale", out var l) && (l.ValueKind != JsonValueKind.String || !DciApi.Locale().IsMatch(l.GetString()!)))
            throw Bad($"{path}.locale must be an ISO 639-3 code (three small letters)");
    }

    private static void CheckHeader(JsonElement header, string action, bool sync)
    {
        if (header.TryGetProperty("version", out var v) && (v.ValueKind != JsonValueKind.String || v.GetString() != "1.0.0"))
            throw new Refused(400, "err.version.not_supported", "Only version 1.0.0 is supported");
        Text(header, "message_id", 99, "header.message_id");
        Timestamp(header, "message_ts", "header.message_ts");
        if (Text(header, "action", 20, "header.action") != action) throw Bad($"header.action must be {action}");
        Text(header, "sender_id", 99, "header.sender_id");
        if (!header.TryGetProperty("total_count", out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out _))
            throw Bad("header.total_count is required (a whole number)");
        if (!sync && !header.TryGetProperty("sender_uri", out _))
            throw new Refused(400, "err.sender_uri.invalid", "header.sender_uri is required for an asynchronous request");
    }

    /// <summary>The callback address, only to an origin the registry was told to call back (<c>Dci:CallbackOrigins</c>).</summary>
    private Uri CallbackUri(JsonElement header)
    {
        var text = header.TryGetProperty("sender_uri", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new Refused(400, "err.sender_uri.invalid", "header.sender_uri must be an http(s) address");
        var origins = (config["Dci:CallbackOrigins"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!origins.Any(o => Uri.TryCreate(o, UriKind.Absolute, out var allowed) && Uri.Compare(allowed, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0))
            throw new Refused(400, "err.sender_uri.invalid", "header.sender_uri is not an address this registry calls back");
        return uri;
    }

    private async Task CheckSignatureAsync(HttpContext http, JsonElement root, JsonElement header, JsonElement message)
    {
        var signature = root.TryGetProperty("signature", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrEmpty(signature)) throw new Refused(StatusCodes.Status401Unauthorized, "err.signature.missing", "The message is not signed");
        // Conformance runs only: the suite signs nothing, it sends this placeholder (docs/interop.md).
        if (config["Dci:AcceptUnsignedPlaceholder"] is { Length: > 0 } placeholder && signature == placeholder) return;
        var parts = DciSignature.Parse(signature);
        var invalid = new Refused(StatusCodes.Status401Unauthorized, "err.signature.invalid", "The signature does not verify");
        if (parts is null || parts.SenderId != header.GetProperty("sender_id").GetString()) throw invalid;
        var clientId = ClientId(http);
        var key = await db.DciSenderKeys.AsNoTracking().Where(k => k.ClientId == clientId && k.KeyId == parts.KeyId).Select(k => k.PublicKey).FirstOrDefaultAsync();
        if (key is null || !DciSignature.Verify(parts, Convert.FromBase64String(key), header.GetRawText(), message.GetRawText(), clock.UtcNow)) throw invalid;
    }

    private async Task RememberMessageAsync(HttpContext http, string messageId)
    {
        db.DciReceivedMessages.Add(new DciReceivedMessage { ClientId = ClientId(http), MessageId = messageId, ReceivedAt = clock.UtcNow });
        if (await db.SaveOrRefuseAsync() != SaveOutcome.Saved)
        {
            db.ChangeTracker.Clear();
            throw new Refused(StatusCodes.Status409Conflict, "err.request.bad", "rjct.message_id.duplicate: this message id was received before");
        }
    }

    private static void Check(string action, JsonElement message)
    {
        Text(message, "transaction_id", 99, "message.transaction_id");
        switch (action)
        {
            case "search":
                Batch(message, "search_request", item =>
                {
                    var c = Object(item, "search_criteria");
                    Text(c, "query_type", 20, "search_criteria.query_type");
                    if (!c.TryGetProperty("query", out _)) throw Bad("search_criteria.query is required");
                });
                break;
            case "subscribe":
                Batch(message, "subscribe_request", item =>
                {
                    var c = Object(item, "subscribe_criteria");
                    Text(c, "reg_event_type", 200, "subscribe_criteria.reg_event_type");
                    Text(c, "notify_record_type", 200, "subscribe_criteria.notify_record_type");
                    if (!c.TryGetProperty("filter", out _)) throw Bad("subscribe_criteria.filter is required");
                });
                break;
            case "unsubscribe":
                Timestamp(message, "timestamp", "message.timestamp");
                if (!message.TryGetProperty("subscription_codes", out var codes) || codes.ValueKind != JsonValueKind.Array || codes.GetArrayLength() is 0 or > 100)
                    throw Bad("message.subscription_codes must list 1 to 100 codes");
                foreach (var code in codes.EnumerateArray())
                    if (code.ValueKind != JsonValueKind.String || code.GetString()!.Length is 0 or > 99) throw Bad("A subscription code is text of at most 99 characters");
                break;
            default:
                var r = Object(message, "txnstatus_request");
                Text(r, "reference_id", 99, "txnstatus_request.reference_id");
                if (Text(r, "txn_type", 20, "txnstatus_request.txn_type") is not ("search" or "subscribe" or "receipt")) throw Bad("txn_type is search, subscribe or receipt");
                if (Text(r, "attribute_type", 20, "txnstatus_request.attribute_type") is not ("transaction_id" or "reference_id_list" or "correlation_id"))
                    throw Bad("attribute_type is transaction_id, reference_id_list or correlation_id");
                if (!r.TryGetProperty("attribute_value", out _)) throw Bad("txnstatus_request.attribute_value is required");
                OptionalLocale(r, "txnstatus_request");
                break;
        }
    }

    private static void Batch(JsonElement message, string name, Action<JsonElement> check)
    {
        if (!message.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > 10)
            throw Bad($"message.{name} must list 1 to 10 requests");
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw Bad($"Each {name} is an object");
            Text(item, "reference_id", 99, name + ".reference_id");
            Timestamp(item, "timestamp", name + ".timestamp");
            OptionalLocale(item, name);
            check(item);
        }
    }

    private sealed record Status(string ReferenceId, string Value, string? Reason);

    private async Task SaveTransactionAsync(HttpContext http, string action, JsonElement message, string correlationId, List<Status> statuses)
    {
        db.DciTransactions.Add(new DciTransaction
        {
            ClientId = ClientId(http), TransactionId = message.GetProperty("transaction_id").GetString()!, CorrelationId = correlationId, Action = action,
            Statuses = JsonSerializer.Serialize(statuses.Select(s => new { reference_id = s.ReferenceId, status = s.Value, status_reason_code = s.Reason })),
            CreatedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static string Overall(List<Status> statuses) => statuses.Any(s => s.Value == "succ") ? "succ" : "rjct";

    private async Task<(JsonObject, string, int, int, string?)> SearchAsync(HttpContext http, JsonElement message, string correlationId)
    {
        var items = new JsonArray();
        var statuses = new List<Status>();
        foreach (var request in message.GetProperty("search_request").EnumerateArray())
        {
            var referenceId = request.GetProperty("reference_id").GetString()!;
            var criteria = request.GetProperty("search_criteria");
            var item = new JsonObject { ["reference_id"] = referenceId, ["timestamp"] = DciApi.Now(clock.UtcNow) };
            var data = new JsonObject { ["version"] = "1.0.0", ["reg_type"] = DciApi.RegistryType, ["reg_record_type"] = DciApi.RecordType };
            var parsed = DciQuery.Parse(criteria.GetProperty("query_type").GetString(), criteria.GetProperty("query"));
            var (pageSize, pageNumber, pageError) = Page(criteria);
            if (parsed.Condition is null || pageError is not null)
            {
                var reason = parsed.Condition is null ? DciReasons.SearchCriteriaInvalid : DciReasons.PaginationInvalid;
                item["status"] = "rjct";
                item["status_reason_code"] = reason;
                item["status_reason_message"] = parsed.Error ?? pageError;
                data["reg_records"] = new JsonArray();
                statuses.Add(new Status(referenceId, "rjct", reason));
            }
            else
            {
                var rows = DciApi.Visible(db, me.Scope).Where(DciQuery.ToPredicate(parsed.Condition));
                var total = await rows.CountAsync();
                var page = await DciApi.Groups(rows.OrderBy(h => h.Id).Skip((pageNumber - 1) * pageSize).Take(pageSize)).ToListAsync();
                await ApiJson.RecordReadsAsync(audit, nameof(Household), page.Select(g => g.Id));
                item["status"] = "succ";
                data["reg_records"] = new JsonArray(page.Select(g => (JsonNode)DciApi.Record(g)).ToArray());
                item["pagination"] = new JsonObject { ["page_size"] = pageSize, ["page_number"] = pageNumber, ["total_count"] = total };
                statuses.Add(new Status(referenceId, "succ", null));
            }
            item["data"] = data;
            items.Add(item);
        }
        await SaveTransactionAsync(http, "search", message, correlationId, statuses);
        var answer = new JsonObject
        {
            ["transaction_id"] = message.GetProperty("transaction_id").GetString(),
            ["correlation_id"] = correlationId,
            ["search_response"] = items,
        };
        return (answer, Overall(statuses), statuses.Count, statuses.Count, null);
    }

    private static (int Size, int Number, string? Error) Page(JsonElement criteria)
    {
        if (!criteria.TryGetProperty("pagination", out var p)) return (DefaultPageSize, 1, null);
        var size = p.TryGetProperty("page_size", out var s) && s.TryGetInt32(out var si) ? si : -1;
        var number = p.TryGetProperty("page_number", out var n) ? n.TryGetInt32(out var ni) ? ni : -1 : 1;
        return size is < 1 or > MaxPageSize || number < 1 || number > 100_000
            ? (0, 0, $"page_size is 1 to {MaxPageSize} and page_number at least 1")
            : (size, number, null);
    }

    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    private async Task<(JsonObject, string, int, int, string?)> SubscribeAsync(HttpContext http, JsonElement message, string correlationId, string? senderId, Uri? senderUri)
    {
        var items = new JsonArray();
        var statuses = new List<Status>();
        foreach (var request in message.GetProperty("subscribe_request").EnumerateArray())
        {
            var referenceId = request.GetProperty("reference_id").GetString()!;
            var criteria = request.GetProperty("subscribe_criteria");
            var filter = criteria.GetProperty("filter");
            var filterType = criteria.TryGetProperty("filter_type", out var ft) && ft.ValueKind == JsonValueKind.String ? ft.GetString()! : FilterType(filter);
            var parsed = DciQuery.Parse(filterType, filter);
            var item = new JsonObject { ["reference_id"] = referenceId, ["timestamp"] = DciApi.Now(clock.UtcNow) };
            if (parsed.Condition is null)
            {
                item["status"] = "rjct";
                item["status_reason_code"] = DciReasons.NotifyDetailsInvalid;
                item["status_reason_message"] = parsed.Error;
                statuses.Add(new Status(referenceId, "rjct", DciReasons.NotifyDetailsInvalid));
            }
            else
            {
                var now = clock.UtcNow;
                var subscription = new DciSubscription
                {
                    Code = "sub-" + DciApi.NewId(), ClientId = ClientId(http), FilterType = filterType, Filter = filter.GetRawText(),
                    NotifyUri = NotifyUri(senderUri!), SubscriberId = senderId ?? "", CreatedAt = now, SeenUpdatedAt = now, SeenId = int.MaxValue,
                };
                db.DciSubscriptions.Add(subscription);
                item["status"] = "succ";
                item["subscriptions"] = new JsonArray(new JsonObject { ["code"] = subscription.Code, ["status"] = "subscribe", ["timestamp"] = DciApi.Now(now) });
                statuses.Add(new Status(referenceId, "succ", null));
            }
            items.Add(item);
        }
        await SaveTransactionAsync(http, "subscribe", message, correlationId, statuses);
        var answer = new JsonObject
        {
            ["transaction_id"] = message.GetProperty("transaction_id").GetString(),
            ["correlation_id"] = correlationId,
            ["subscribe_response"] = items,
        };
        return (answer, Overall(statuses), statuses.Count, statuses.Count, null);
    }

    /// <summary>A filter without filter_type: a list is predicates, value.expression an expression, else idtype-value.</summary>
    private static string FilterType(JsonElement filter) =>
        filter.ValueKind == JsonValueKind.Array ? "predicate"
        : filter.ValueKind == JsonValueKind.Object && filter.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("expression", out _) ? "expression"
        : "idtype-value";

    /// <summary>Notifications go to the subscriber's notify beside its on-subscribe: …/on-subscribe becomes …/notify.</summary>
    public static string NotifyUri(Uri senderUri)
    {
        ArgumentNullException.ThrowIfNull(senderUri);
        var text = senderUri.GetLeftPart(UriPartial.Path);
        var slash = text.LastIndexOf('/');
        return text[..(slash + 1)] + "notify";
    }

    private async Task<(JsonObject, string, int, int, string?)> UnsubscribeAsync(HttpContext http, JsonElement message, string correlationId)
    {
        var clientId = ClientId(http);
        var codes = message.GetProperty("subscription_codes").EnumerateArray().Select(c => c.GetString()!).Distinct().ToList();
        var now = clock.UtcNow;
        var found = await db.DciSubscriptions.Where(s => s.ClientId == clientId && codes.Contains(s.Code) && s.EndedAt == null).ToListAsync();
        foreach (var s in found) s.EndedAt = now;
        var statuses = codes.Select(c => found.Any(s => s.Code == c) ? new Status(c, "succ", null) : new Status(c, "rjct", DciReasons.SubscriptionCodeInvalid)).ToList();
        await SaveTransactionAsync(http, "unsubscribe", message, correlationId, statuses);
        var answer = new JsonObject
        {
            ["transaction_id"] = message.GetProperty("transaction_id").GetString(),
            ["correlation_id"] = correlationId,
            ["timestamp"] = DciApi.Now(now),
            ["status"] = Overall(statuses),
            ["subscription_status"] = new JsonArray(found.Select(s => (JsonNode)new JsonObject { ["code"] = s.Code, ["status"] = "unsubscribe" }).ToArray()),
        };
        if (found.Count < codes.Count)
        {
            answer["status_reason_code"] = DciReasons.SubscriptionCodeInvalid;
            answer["status_reason_message"] = "Not a current subscription of this client: " + string.Join(", ", codes.Where(c => found.All(s => s.Code != c)));
        }
        return (answer, Overall(statuses), codes.Count, codes.Count, null);
    }

    private async Task<(JsonObject, string, int, int, string?)> TxnStatusAsync(HttpContext http, JsonElement message, string correlationId)
    {
        var clientId = ClientId(http);
        var request = message.GetProperty("txnstatus_request");
        var txnType = request.GetProperty("txn_type").GetString()!;
        var attribute = request.GetProperty("attribute_type").GetString();
        var value = request.GetProperty("attribute_value");
        var mine = db.DciTransactions.AsNoTracking().Where(t => t.ClientId == clientId && t.Action == txnType);
        DciTransaction? found;
        if (attribute == "reference_id_list")
        {
            var first = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.ToString()).FirstOrDefault() : value.ToString();
            var quoted = JsonSerializer.Serialize(first ?? "");
            found = first is null ? null : await mine.Where(t => t.Statuses.Contains(quoted)).OrderByDescending(t => t.Id).FirstOrDefaultAsync();
        }
        else
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString();
            found = await (attribute == "correlation_id" ? mine.Where(t => t.CorrelationId == text) : mine.Where(t => t.TransactionId == text))
                .OrderByDescending(t => t.Id).FirstOrDefaultAsync();
        }
        var responses = new JsonArray();
        if (found is not null)
        {
            using var statuses = JsonDocument.Parse(found.Statuses);
            foreach (var s in statuses.RootElement.EnumerateArray())
            {
                var item = new JsonObject
                {
                    ["reference_id"] = s.GetProperty("reference_id").GetString(),
                    ["timestamp"] = DciApi.Now(found.CreatedAt),
                    ["status"] = s.GetProperty("status").GetString(),
                };
                if (s.GetProperty("status_reason_code").GetString() is { } reason && txnType == "search") item["status_reason_code"] = reason;
                responses.Add(item);
            }
        }
        var answer = new JsonObject
        {
            ["transaction_id"] = message.GetProperty("transaction_id").GetString(),
            ["correlation_id"] = correlationId,
            ["txnstatus_response"] = new JsonObject
            {
                ["txn_type"] = txnType,
                ["txn_status"] = new JsonObject
                {
                    ["transaction_id"] = found?.TransactionId ?? message.GetProperty("transaction_id").GetString(),
                    ["correlation_id"] = found?.CorrelationId ?? correlationId,
                    ["search_response"] = responses,
                },
            },
        };
        return found is null
            ? (answer, "rjct", 1, 1, "No such transaction of this client")
            : (answer, "succ", 1, 1, null);
    }
}
