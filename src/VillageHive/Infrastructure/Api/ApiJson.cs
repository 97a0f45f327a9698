using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VillageHive.Infrastructure.Audit;
using VillageHive.Infrastructure.Capture;

namespace VillageHive.Infrastructure.Api;

/// <summary>Reading a request body and recording reads: what every API endpoint does the same way.</summary>
public static class ApiJson
{
    /// <summary>The body as <typeparamref name="T"/>, or a problem naming the field that could not be read (its JSON path).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, IStringLocalizer l) where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.HasJsonContentType())
            return (null, ApiProblems.Result(l, StatusCodes.Status415UnsupportedMediaType, "Api.JsonOnly"));
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options, http.RequestAborted);
            return value is null ? (null, ApiProblems.Result(l, StatusCodes.Status400BadRequest, "Api.Malformed")) : (value, null);
        }
        catch (JsonException e)
        {
            var errors = new ApiErrors(l);
            var path = e.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
            errors.Add(path, "Api.BadValue");
            return (null, ApiProblems.Result(l, StatusCodes.Status400BadRequest, "Api.Malformed", errors.ToDictionary()));
        }
    }

    /// <summary>Every record an API answer shows is a read in the audit chain, under the client's name.</summary>
    public static async Task RecordReadsAsync(AuditLog audit, string entityType, IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids) await audit.RecordReadAsync(entityType, id);
    }

    /// <summary>The collected errors as the outcome of a write (422).</summary>
    public static SyncOutcome.Rejected Rejected(this ApiErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new SyncOutcome.Rejected(errors.ToDictionary().SelectMany(e => e.Value.Select(v => new KeyValuePair<string, string>(e.Key, v))).ToList());
    }
}
