using System.Globalization;
using Microsoft.Extensions.Localization;
using VillageHive.Domain;

namespace VillageHive.Features.Shared;

/// <summary>
/// A record's change history in the user's words (issue 19): the field's screen name instead of the property's
/// ("ConcernNote:"), enum values by their labels, dates and times in the user's language, people by their full names.
/// Technical columns (ids, versions, search keys) are left out: they mean nothing to the person reading.
/// </summary>
public static class HistoryWords
{
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "Id", "Version", "SearchName", "IdempotencyKey", "HeadNameKm", "HeadNameLatin",
    };

    public static bool IsShown(string field) => field.Length > 0 && !Hidden.Contains(field);

    /// <summary>The field's name on screen: the entity's own label, the shared field label, or the history's.</summary>
    public static string Field(IStringLocalizer l, string entityType, string field)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var key in new[] { $"{entityType}.{field}", $"Field.{field}", $"Audit.Field.{field}" })
        {
            var text = l[key];
            if (!text.ResourceNotFound) return text.Value;
        }
        return l["Audit.Field.Other"];
    }

    /// <summary>A value as stored in the audit (JSON text) as the user reads it.</summary>
    public static string Value(IStringLocalizer l, HiveClock clock, PeopleNames people, string entityType, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(people);
        if (value is "–" or "" or "***") return value;
        var type = PropertyType(entityType, field);
        if (type is null) return value;
        if (type.IsEnum && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            return EnumText(l, type, number);
        if (type == typeof(bool)) return l[value == "true" ? "Form.Yes" : "Form.No"];
        if (type == typeof(DateOnly) && DateOnly.TryParse(value, CultureInfo.InvariantCulture, out var day))
            return day.ToString("d", CultureInfo.CurrentCulture);
        if (type == typeof(DateTime) && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return clock.Show(at);
        if (type == typeof(string) && field.EndsWith("By", StringComparison.Ordinal)) return people.Of(value);
        return value;
    }

    private static string EnumText(IStringLocalizer l, Type type, long number)
    {
        var value = Enum.ToObject(type, number);
        if (Enum.IsDefined(type, value)) return l[$"Enum.{type.Name}.{value}"];
        if (!type.IsDefined(typeof(FlagsAttribute), false)) return number.ToString(CultureInfo.InvariantCulture);
        var parts = Enum.GetValues(type).Cast<object>()
            .Where(v => Convert.ToInt64(v, CultureInfo.InvariantCulture) is var bit && bit != 0 && (number & bit) == bit)
            .Select(v => l[$"Enum.{type.Name}.{v}"].Value);
        return string.Join(", ", parts);
    }

    private static Type? PropertyType(string entityType, string field)
    {
        var entity = typeof(Person).Assembly.GetType($"{typeof(Person).Namespace}.{entityType}");
        var type = entity?.GetProperty(field)?.PropertyType;
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }
}
