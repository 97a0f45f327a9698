using System.Globalization;

namespace VillageHive.Domain;

/// <summary>
/// The commune clock: the one place that reads the time. Instants are kept in UTC; the day a person means (a visit,
/// a school day, a due date) is a <see cref="DateOnly"/> in the Hive's time zone (chosen at first run and kept in the
/// database, else the setting <c>Hive:TimeZone</c>, Phnom Penh by default), whatever zone the server is set to. Tests
/// give it a clock they control.
/// </summary>
public sealed class HiveClock(TimeProvider time, TimeZoneInfo zone)
{
    public const string DefaultZoneId = "Asia/Phnom_Penh";

    private TimeZoneInfo current = zone ?? throw new ArgumentNullException(nameof(zone));

    public TimeZoneInfo Zone => current;

    /// <summary>The zone the commune chose on /Setup/Place (kept in the database), from the start or the moment it is chosen.</summary>
    public void UseZone(TimeZoneInfo chosen) => current = chosen ?? throw new ArgumentNullException(nameof(chosen));

    /// <summary>The instant now, in UTC, as it is stored.</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The wall-clock time in the commune now.</summary>
    public DateTime LocalNow => ToLocal(UtcNow);

    /// <summary>Today in the commune.</summary>
    public DateOnly Today => DayOf(UtcNow);

    /// <summary>The commune's day an instant fell on (a UTC instant at 18:00 is already the next day in Phnom Penh).</summary>
    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public DateOnly? DayOf(DateTime? utc) => utc is { } u ? DayOf(u) : null;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A commune wall-clock time typed in a form, as the UTC instant to store; null when the zone skipped it.</summary>
    public DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>The UTC instant of a commune wall-clock time on a commune day.</summary>
    public DateTime At(DateOnly day, TimeOnly time) =>
        ToUtc(day.ToDateTime(time)) ?? TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time).AddHours(1), Zone);

    /// <summary>The instant a commune day starts, in UTC: for "on or after this day" filters on stored instants.</summary>
    public DateTime StartOfDayUtc(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>
    /// The zone's standard distance from UTC, for grouping stored instants by commune day or month inside SQL
    /// (exact for Cambodia, which keeps no daylight saving).
    /// </summary>
    public TimeSpan UtcOffset => Zone.BaseUtcOffset;

    /// <summary>An instant as the commune's date and time, in the reader's language.</summary>
    public string Show(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>An instant as the commune's date only, in the reader's language.</summary>
    public string ShowDay(DateTime utc) => DayOf(utc).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>The zone for a setting; a clear message when the machine does not know it.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultZoneId : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Cambodia has kept UTC+7 without daylight saving since 1979: a machine without the time-zone database
            // (a bare container) still gets the right day.
            if (name == DefaultZoneId)
                return TimeZoneInfo.CreateCustomTimeZone(DefaultZoneId, TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");
            throw new InvalidOperationException($"Hive:TimeZone \"{name}\" is not a time zone this machine knows (e.g. {DefaultZoneId}).", e);
        }
    }
}
