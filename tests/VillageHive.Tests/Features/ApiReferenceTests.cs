using System.Net;
using System.Text.Json;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The browsable API reference (/Admin/Api): the OpenAPI document rendered on the server, every path of it.</summary>
public sealed class ApiReferenceTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_reference_page_lists_every_path_and_operation_of_the_OpenAPI_document(string provider)
    {
        var app = await apps.Get(provider);
        var document = JsonDocument.Parse(await (await app.Anonymous().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync()).RootElement;
        var admin = await app.As("admin");
        var html = WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/Api"));
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters"))
            {
                html.ShouldContain($"data-path=\"{path.Name}\" data-method=\"{op.Name.ToUpperInvariant()}\"", customMessage: $"{op.Name} {path.Name}");
                operations++;
            }
        operations.ShouldBeGreaterThanOrEqualTo(19);
        // Its schemas too, each with the section the operations link to.
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
            html.ShouldContain($"id=\"schema-{string.Concat(schema.Name.Where(char.IsAsciiLetterOrDigit))}\"", customMessage: schema.Name);
        // No script of its own (the content security policy would refuse an inline one anyway).
        html.ShouldNotContain("<script>", Case.Insensitive);
        // Linked from the API clients page.
        (await admin.GetHtmlAsync("/Admin/ApiClients")).ShouldContain("id=\"api-reference-link\"");
    }
}
