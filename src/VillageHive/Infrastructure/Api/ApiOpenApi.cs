using Microsoft.OpenApi;

namespace VillageHive.Infrastructure.Api;

/// <summary>The OpenAPI 3.1 document of the API at /openapi/v1.json: the token endpoint and /api/v1, nothing of the pages or the phone sync.</summary>
public static class ApiOpenApi
{
    /// <summary>
    /// The request body of an endpoint that reads it itself (<see cref="ApiJson.ReadAsync"/>): described in the document,
    /// without the routing's content-type matching, which would answer a wrong content type before the client is known.
    /// </summary>
    public sealed record BodyMetadata(Type Type, string ContentType);

    public static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder builder, string contentType = "application/json") =>
        builder.WithMetadata(new BodyMetadata(typeof(T), contentType));

    public const string SecurityScheme = "clientCredentials";

    public static IServiceCollection AddHiveOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.ShouldInclude = d => d.RelativePath is { } p
                && (p.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) || p.Equals("connect/token", StringComparison.OrdinalIgnoreCase));
            o.AddOperationTransformer(async (operation, context, ct) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<BodyMetadata>().FirstOrDefault() is not { } body) return;
                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new OpenApiMediaType { Schema = schema } },
                };
            });
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Village Hive API",
                    Version = "v1",
                    Description = "Households, persons, referrals, cases, service referrals, the service directory and the geography of a " +
                        "commune's Village Hive, for other systems (OpenFn jobs, Primero, OSCaR). Lists page by a cursor over " +
                        "(updatedAt, id); writes carry a client-generated requestId. Errors are RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [SecurityScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.OAuth2,
                        Description = "OAuth 2.0 client credentials: POST /connect/token with grant_type=client_credentials, client_id and client_secret.",
                        Flows = new OpenApiOAuthFlows
                        {
                            ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri("/connect/token", UriKind.Relative), Scopes = new Dictionary<string, string>() },
                        },
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
                return Task.CompletedTask;
            });
        });
}
