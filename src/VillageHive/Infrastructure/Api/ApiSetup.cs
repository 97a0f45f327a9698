using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Infrastructure.Api;

/// <summary>Claims a token carries besides a user's (role, scope, name).</summary>
public static class ApiClaims
{
    public const string ClientId = "hive:client";
    public const string Generation = "hive:client-generation";
}

/// <summary>
/// The REST API for other systems (docs/interop.md, decision 0023): clients of <see cref="ApiClient"/> exchange their
/// secret at <c>POST /connect/token</c> (OAuth 2.0 client credentials) for a short-lived bearer token (ASP.NET Core's own
/// data-protected bearer tokens), then call <c>/api/v1</c>. Only that scheme is accepted there: the sign-in cookie of the
/// pages is not, so no page can be made to call the API cross-site, and no antiforgery token is needed.
/// </summary>
public static class ApiSetup
{
    public const string Scheme = "HiveApi";
    public const string RateLimit = "api-client";
    public const string TokenRateLimit = "api-token";
    public const string TokenPath = "/connect/token";
    public const string Prefix = "/api/v1";
    /// <summary>The DCI Social Registry (<c>Features/Dci</c>): the same clients, tokens and answers.</summary>
    public const string DciPrefix = "/dci";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments(TokenPath, StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments(DciPrefix, StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddHiveApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddBearerToken(Scheme, o => o.BearerTokenExpiration = TokenLifetime);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Khmer goes out as characters, not as \u escapes.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            // Per client: a poller's hourly run, not a flood. Api:PermitsPerMinute.
            var permits = config.GetValue("Api:PermitsPerMinute", 300);
            o.AddPolicy(RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(ApiClaims.ClientId) ?? "anonymous:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Asking for a token: per address (nobody is known yet), against guessing secrets. Api:TokenPermitsPerMinute.
            var tokens = config.GetValue("Api:TokenPermitsPerMinute", 60);
            o.AddPolicy(TokenRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "address:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = tokens, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Api.TooMany"));
            };
        });
        services.AddHiveOpenApi();
        return services;
    }

    /// <summary>Right after the status-code pages: API answers are problem details, never an error page.</summary>
    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.UseWhen(http => IsApi(http.Request), b => b.UseMiddleware<ApiProblemMiddleware>());
        return app;
    }

    /// <summary>After authorization: a token of a revoked client, or issued before the secret was rotated, is refused; then the rate limit.</summary>
    public static WebApplication UseApiClients(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.StartsWithSegments(DciPrefix, StringComparison.OrdinalIgnoreCase), b => b.UseMiddleware<ApiClientGate>());
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The token endpoint, the OpenAPI document and the /api/v1 group each slice adds its endpoints to.</summary>
    public static RouteGroupBuilder MapHiveApi(this WebApplication app)
    {
        app.MapPost(TokenPath, IssueTokenAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(TokenRateLimit)
            .Body<TokenRequest>("application/x-www-form-urlencoded")
            .Produces<TokenAnswer>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status401Unauthorized)
            .WithTags("Authentication")
            .WithSummary("A bearer token for an API client (OAuth 2.0 client credentials)");
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Scheme })
            .RequireRateLimiting(RateLimit)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // An address under /api/v1 that is no endpoint: a 404 problem for a client, as for a record it may not see.
        api.MapFallback((IStringLocalizer<SharedResource> l) => ApiProblems.NotFound(l)).ExcludeFromDescription();
        return api;
    }

    /// <summary>The form of the token request (also accepted: the client id and secret as HTTP Basic authentication).</summary>
    public sealed record TokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret);

    public sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    /// <summary>An RFC 6749 error answer.</summary>
    public sealed record OAuthError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);

    private static async Task<IResult> IssueTokenAsync(HttpContext http, HiveDbContext db, HiveClock clock, AuditLog audit,
        IOptionsMonitor<BearerTokenOptions> bearer, IStringLocalizer<SharedResource> l)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", l["Api.TokenForm"]);
        var form = await http.Request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials")
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", l["Api.TokenGrant"]);
        var (id, secret) = Credentials(http.Request, form);
        var client = string.IsNullOrEmpty(id) || id.Length > 40 ? null : await db.ApiClients.FirstOrDefaultAsync(c => c.ClientId == id);
        if (client is null || !client.Accepts(secret))
        {
            await audit.RecordAsync(AuditLog.SignInFailed, nameof(ApiClient), client?.Id.ToString(CultureInfo.InvariantCulture) ?? "",
                new { clientId = id?.Length > 40 ? id[..40] : id, revoked = client?.IsRevoked }, userName: client?.AuditName ?? ApiClientSecrets.AuditName("?"));
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Village Hive\"";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", l["Api.TokenRefused"]);
        }
        var now = clock.UtcNow;
        var identity = new ClaimsIdentity(Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "api-client:" + client.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, client.AuditName));
        identity.AddClaim(new Claim(ClaimTypes.Role, client.Role));
        identity.AddClaim(new Claim(HiveClaims.Scope, client.Scope.Serialise()));
        identity.AddClaim(new Claim(HiveClaims.DisplayName, client.Name));
        identity.AddClaim(new Claim(ApiClaims.ClientId, client.ClientId));
        identity.AddClaim(new Claim(ApiClaims.Generation, client.SecretGeneration.ToString(CultureInfo.InvariantCulture)));
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + TokenLifetime };
        var token = bearer.Get(Scheme).BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme));
        // Audited as a change of the client (its last use), under the client's own name.
        client.LastUsedAt = now;
        await db.SaveChangesAsync();
        return Results.Json(new TokenAnswer(token, "Bearer", (int)TokenLifetime.TotalSeconds));
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) return (Uri.UnescapeDataString(text[..colon]), Uri.UnescapeDataString(text[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new OAuthError(error, description), statusCode: status);
}

/// <summary>Refuses a token whose client was revoked or whose secret was rotated since the token was issued.</summary>
public sealed class ApiClientGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, HiveDbContext db)
    {
        if (http.User.FindFirstValue(ApiClaims.ClientId) is { } clientId)
        {
            var generation = http.User.FindFirstValue(ApiClaims.Generation);
            var client = await db.ApiClients.AsNoTracking().Where(c => c.ClientId == clientId)
                .Select(c => new { c.RevokedAt, c.SecretGeneration }).FirstOrDefaultAsync();
            if (client is null || client.RevokedAt is not null || client.SecretGeneration.ToString(CultureInfo.InvariantCulture) != generation)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await ApiProblems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Api.TokenRevoked");
                return;
            }
        }
        await next(http);
    }
}
