using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Audit;

/// <summary>An audit entry shaped for a screen: the changed fields as (field, before, after).</summary>
public sealed record AuditRow(long Id, DateTime At, string UserName, string Action, string EntityType, string EntityId, IReadOnlyList<(string Field, string Before, string After)> Fields);

public static class AuditHistory
{
    /// <summary>The changes (not the reads) of one record, newest first.</summary>
    public static async Task<IReadOnlyList<AuditRow>> OfRecordAsync(HiveDbContext db, string entityType, int id, int take = 20)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == key && a.Action != AuditLog.Read)
            .OrderByDescending(a => a.Id)
            .Take(take)
            .ToListAsync();
        return rows.Select(ToRow).ToList();
    }

    public static AuditRow ToRow(AuditEntry a) => new(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, Fields(a.Changes));

    private static List<(string, string, string)> Fields(string? json)
    {
        var result = new List<(string, string, string)>();
        if (string.IsNullOrWhiteSpace(json)) return result;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2)
                    result.Add((p.Name, Text(p.Value[0]), Text(p.Value[1])));
                else
                    result.Add((p.Name, "", Text(p.Value)));
            }
        }
        catch (JsonException)
        {
            result.Add(("", "", json));
        }
        return result;
    }

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "–",
        JsonValueKind.String => e.GetString() ?? "",
        _ => e.GetRawText(),
    };
}
