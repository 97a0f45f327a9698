using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Api;

/// <summary>A record as the API lists it: its id and the time of its last change, which the cursor is made of.</summary>
public interface IApiRecord
{
    int Id { get; }
    DateTime UpdatedAt { get; }
}

/// <summary>One page of a list; <c>nextCursor</c> is where the next request goes on from (also after the last page: poll again with it later).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor, bool HasMore);

/// <summary>What a list was asked for: after a cursor, or changed since a time, and how many.</summary>
public sealed record ListQuery(DateTime? AfterTime, int AfterId, DateTime? UpdatedSince, int Limit, string? Cursor);

/// <summary>
/// Lists page by (UpdatedAt, Id), the cursor encoding both. A record changed during the poll gets a stamp later than
/// every stamp already read, so it moves ahead of the cursor and comes again on a later page: a poller sees every
/// change, in order, once (docs/interop.md).
/// </summary>
public static class ApiPaging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static ListQuery? Parse(string? cursor, string? updatedSince, string? limit, ApiErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            errors.Add("limit", "Api.BadLimit");
        DateTime? since = null;
        if (!string.IsNullOrEmpty(updatedSince))
        {
            if (DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) since = t.UtcDateTime;
            else errors.Add("updated_since", "Api.BadTime");
        }
        DateTime? afterTime = null;
        var afterId = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (Decode(cursor) is { } c) (afterTime, afterId) = c;
            else errors.Add("cursor", "Api.BadCursor");
        }
        return errors.Any ? null : new ListQuery(afterTime, afterId, since, size, cursor);
    }

    public static async Task<ApiPage<TOut>> PageAsync<TRow, TOut>(IQueryable<TRow> rows, ListQuery query, Expression<Func<TRow, TOut>> select, CancellationToken ct = default)
        where TRow : class, IChangeStamped where TOut : IApiRecord
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AfterTime is { } t)
        {
            var id = query.AfterId;
            rows = rows.Where(x => x.UpdatedAt > t || (x.UpdatedAt == t && x.Id > id));
        }
        else if (query.UpdatedSince is { } since)
            rows = rows.Where(x => x.UpdatedAt >= since);
        var items = await rows.OrderBy(x => x.UpdatedAt).ThenBy(x => x.Id).Take(query.Limit + 1).Select(select).ToListAsync(ct);
        var more = items.Count > query.Limit;
        if (more) items.RemoveAt(items.Count - 1);
        var next = items.Count > 0 ? Encode(items[^1].UpdatedAt, items[^1].Id) : query.Cursor;
        return new ApiPage<TOut>(items, next, more);
    }

    public static string Encode(DateTime updatedAt, int id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(updatedAt.Ticks.ToString(CultureInfo.InvariantCulture) + "." + id.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateTime, int)? Decode(string cursor)
    {
        if (cursor.Length > 64) return null;
        var text = cursor.Replace('-', '+').Replace('_', '/');
        text += new string('=', (4 - text.Length % 4) % 4);
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(text)).Split('.');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return (new DateTime(ticks, DateTimeKind.Utc), id);
        }
        catch (FormatException)
        {
        }
        return null;
    }
}
