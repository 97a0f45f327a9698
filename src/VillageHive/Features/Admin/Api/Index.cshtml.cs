using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VillageHive.Features.Admin.Api;

/// <summary>
/// The API reference: the OpenAPI document of /openapi/v1.json rendered on the server as HTML (paths, operations,
/// parameters, bodies, answers, schemas), so that it needs no script and no CDN under the content security policy.
/// </summary>
public sealed class IndexModel(IServiceProvider services) : PageModel
{
    public sealed record Parameter(string Name, string In, bool Required, string Type);

    public sealed record Operation(string Method, string Path, string? Summary, string? Tag, IReadOnlyList<Parameter> Parameters,
        string? Body, IReadOnlyList<(string Status, string? Type)> Responses);

    public sealed record Field(string Name, string Type, bool Required);

    public sealed record Schema(string Name, IReadOnlyList<Field> Fields, string? Values);

    public string Title { get; private set; } = "";
    public string? Version { get; private set; }
    public IReadOnlyList<Operation> Operations { get; private set; } = [];
    public IReadOnlyList<Schema> Schemas { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync(HttpContext.RequestAborted);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, HttpContext.RequestAborted);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Title = root.GetProperty("info").GetProperty("title").GetString() ?? "";
        Version = root.GetProperty("info").TryGetProperty("version", out var v) ? v.GetString() : null;
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters"))
                operations.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, Text(op.Value, "summary"),
                    op.Value.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0 ? tags[0].GetString() : null,
                    Parameters(op.Value), Body(op.Value), Responses(op.Value)));
        Operations = operations;
        var schemas = new List<Schema>();
        if (root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var all))
            foreach (var s in all.EnumerateObject().OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                var required = s.Value.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                var fields = s.Value.TryGetProperty("properties", out var props)
                    ? props.EnumerateObject().Select(p => new Field(p.Name, TypeOf(p.Value), required.Contains(p.Name))).ToList()
                    : [];
                var values = s.Value.TryGetProperty("enum", out var e) ? string.Join(", ", e.EnumerateArray().Select(x => x.ToString())) : null;
                schemas.Add(new Schema(s.Name, fields, values));
            }
        Schemas = schemas;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<Parameter> Parameters(JsonElement op) => op.TryGetProperty("parameters", out var ps)
        ? [.. ps.EnumerateArray().Select(p => new Parameter(Text(p, "name") ?? "", Text(p, "in") ?? "",
            p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True, p.TryGetProperty("schema", out var s) ? TypeOf(s) : ""))]
        : [];

    private static string? Body(JsonElement op) =>
        op.TryGetProperty("requestBody", out var b) && b.TryGetProperty("content", out var c)
            ? string.Join("; ", c.EnumerateObject().Select(m => m.Name + (m.Value.TryGetProperty("schema", out var s) ? ": " + TypeOf(s) : "")))
            : null;

    private static List<(string, string?)> Responses(JsonElement op) => op.TryGetProperty("responses", out var rs)
        ? [.. rs.EnumerateObject().Select(r => (r.Name, r.Value.TryGetProperty("content", out var c)
            ? string.Join("; ", c.EnumerateObject().Select(m => m.Value.TryGetProperty("schema", out var s) ? TypeOf(s) : m.Name))
            : Text(r.Value, "description")))]
        : [];

    /// <summary>A schema in a few words: its name when it is a reference, "array of X", a type, or the types of a union.</summary>
    public static string TypeOf(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object) return "";
        if (Text(s, "$ref") is { } r) return r[(r.LastIndexOf('/') + 1)..];
        if (s.TryGetProperty("type", out var t))
        {
            var types = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).Where(x => x != "null").ToList() : [t.GetString()];
            var type = string.Join(" | ", types);
            if (type == "array" && s.TryGetProperty("items", out var items)) return "array of " + TypeOf(items);
            return Text(s, "format") is { } f ? $"{type} ({f})" : type;
        }
        foreach (var union in new[] { "oneOf", "anyOf", "allOf" })
            if (s.TryGetProperty(union, out var list))
                return string.Join(" | ", list.EnumerateArray().Select(TypeOf).Where(x => x.Length > 0 && x != "null"));
        return "object";
    }

    /// <summary>The element id of a schema's section, for the links from the operations.</summary>
    public static string Anchor(string schema) => "schema-" + string.Concat(schema.Where(char.IsAsciiLetterOrDigit));
}
