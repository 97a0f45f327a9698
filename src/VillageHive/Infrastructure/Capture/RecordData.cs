using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;

namespace VillageHive.Infrastructure.Capture;

/// <summary>The data of one captured record, as the phone sent it, and the ways a kind reads it.</summary>
public sealed class RecordData(HttpContext http, JsonElement json)
{
    public JsonElement Json { get; } = json;

    public JsonElement? Prop(string name) => Prop(Json, name);

    public string? Text(string name) => Text(Json, name);

    public int? Number(string name) => Number(Json, name);

    /// <summary>
    /// Binds and validates the form's input model from the record's data through MVC's own model binding and
    /// validation, exactly as the form post is: the same attributes, messages and culture.
    /// </summary>
    public async Task<(T Input, SyncOutcome.Rejected? Errors)> BindAsync<T>(T input) where T : class
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        Flatten(Json, "Input", fields);
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

    public static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static JsonElement? Prop(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in data.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    public static string? Text(JsonElement data, string name) => Prop(data, name) is { } v ? Scalar(v) : null;

    public static int? Number(JsonElement data, string name) =>
        int.TryParse(Text(data, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static List<int>? Numbers(JsonElement? array)
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

}
