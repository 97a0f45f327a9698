using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace VillageHive.Infrastructure.Api;

/// <summary>
/// Every error of the API is an RFC 9457 problem (application/problem+json), its title in the caller's language
/// (Accept-Language: km or en), with the fields at fault under "errors" keyed by their JSON names.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext http, int status, string titleKey, IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        var problem = Problem(l, status, titleKey, errors);
        return http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: ContentType);
    }

    public static ProblemDetails Problem(IStringLocalizer l, int status, string titleKey, IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(l);
        var problem = errors is { Count: > 0 } ? new HttpValidationProblemDetails(errors) : new ProblemDetails();
        problem.Status = status;
        problem.Title = l[titleKey];
        problem.Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15." + (status >= 500 ? "6." + (status - 499) : "5." + (status - 399));
        return problem;
    }

    public static IResult Result(IStringLocalizer l, int status, string titleKey, IDictionary<string, string[]>? errors = null, object? extra = null)
    {
        var problem = Problem(l, status, titleKey, errors);
        if (extra is not null) problem.Extensions["current"] = extra;
        return Results.Json((object)problem, options: null, contentType: ContentType, statusCode: status);
    }

    public static IResult NotFound(IStringLocalizer l) => Result(l, StatusCodes.Status404NotFound, "Api.NotFound");

    /// <summary>422 with the fields at fault.</summary>
    public static IResult Invalid(IStringLocalizer l, ApiErrors errors) =>
        Result(l, StatusCodes.Status422UnprocessableEntity, "Api.Invalid", errors.ToDictionary());

    /// <summary>"Head.FamilyNameKm" or "Input.Children[0].Sex" as the JSON names a client sent: "head.familyNameKm", "children[0].sex".</summary>
    public static string JsonName(string path)
    {
        if (path.StartsWith("Input.", StringComparison.Ordinal)) path = path["Input.".Length..];
        return string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : JsonNamingPolicy.CamelCase.ConvertName(p)));
    }
}

/// <summary>Field errors collected while checking a request, already in the caller's language.</summary>
public sealed class ApiErrors(IStringLocalizer l)
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string messageKey) => AddText(field, l[messageKey]);

    public void AddText(string field, string message)
    {
        var name = ApiProblems.JsonName(field);
        if (!errors.TryGetValue(name, out var list)) errors[name] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>The model's data annotations (their messages are resource keys), as the form would check them.</summary>
    public void Validate(object? model, string prefix)
    {
        if (model is null)
        {
            Add(prefix, "Validation.Required");
            return;
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (var r in results)
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
                Add(prefix.Length == 0 ? member : member.Length == 0 ? prefix : prefix + "." + member, r.ErrorMessage ?? "Validation.Invalid");
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>Turns empty error answers and failures under /api/v1 and /connect into problem details, never an HTML error page.</summary>
public sealed class ApiProblemMiddleware(RequestDelegate next, ILogger<ApiProblemMiddleware> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            await ApiProblems.WriteAsync(http, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Api.TooLarge" : "Api.Malformed");
            return;
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            log.LogError(e, "API request {Method} {Path} failed", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await ApiProblems.WriteAsync(http, StatusCodes.Status500InternalServerError, "Api.Failed");
            return;
        }
        var status = http.Response.StatusCode;
        if (!http.Response.HasStarted && status >= 400 && string.IsNullOrEmpty(http.Response.ContentType)
            && http.Request.Path.StartsWithSegments(ApiSetup.DciPrefix, StringComparison.OrdinalIgnoreCase))
            await DciErrorAsync(http, status);
        else if (!http.Response.HasStarted && status >= 400 && string.IsNullOrEmpty(http.Response.ContentType))
            await ApiProblems.WriteAsync(http, status, status switch
            {
                StatusCodes.Status401Unauthorized => "Api.Unauthorized",
                StatusCodes.Status403Forbidden => "Api.Forbidden",
                StatusCodes.Status404NotFound => "Api.NotFound",
                StatusCodes.Status405MethodNotAllowed => "Api.Method",
                StatusCodes.Status415UnsupportedMediaType => "Api.Malformed",
                _ => "Api.Malformed",
            });
    }

    /// <summary>
    /// Under /dci the answer the DCI specification gives for 401/403 (HttpErrorResponse: errors of code and message), with
    /// the DCI acknowledgement (ack_status ERR) beside it, as application/json.
    /// </summary>
    private static Task DciErrorAsync(HttpContext http, int status)
    {
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var (code, key) = status switch
        {
            StatusCodes.Status401Unauthorized => ("err.request.unauthorized", "Api.Unauthorized"),
            StatusCodes.Status403Forbidden => ("err.request.forbidden", "Api.Forbidden"),
            StatusCodes.Status404NotFound => ("err.request.not_found", "Api.NotFound"),
            StatusCodes.Status429TooManyRequests => ("err.request.too_many_requests", "Api.TooMany"),
            _ => ("err.request.bad", "Api.Malformed"),
        };
        var message = l[key].Value;
        var now = http.RequestServices.GetRequiredService<VillageHive.Domain.HiveClock>().UtcNow;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(new
        {
            errors = new[] { new { code, message } },
            message = new
            {
                ack_status = "ERR",
                timestamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                correlation_id = Guid.NewGuid().ToString("N"),
                error = new { code, message },
            },
        });
    }
}
