using System.Globalization;

namespace VillageHive.Features.Hotline;

/// <summary>
/// Times are stored in UTC and typed and shown in the server's time zone, as on the other pages (a Hive's server
/// runs on Cambodian time).
/// </summary>
public static class LocalTime
{
    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.Local);

    /// <summary>A time typed in a form; null when the clock skipped it (a daylight-saving gap).</summary>
    public static DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZoneInfo.Local.IsInvalidTime(unspecified)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, TimeZoneInfo.Local);
    }

    public static string Show(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);
}
