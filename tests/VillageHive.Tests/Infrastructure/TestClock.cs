using System.Diagnostics;
using VillageHive.Domain;

namespace VillageHive.Tests.Infrastructure;

/// <summary>
/// The time every test host runs on, instead of the machine's: it starts on a known school day and runs on at the
/// normal pace (measured by the monotonic stopwatch, not the wall clock), so that records made one after the other
/// keep their order. Tests in the <see cref="ClockEdges"/> collection move it; nothing else may.
/// </summary>
public sealed class TestTime : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset from;
    private long since;

    public TestTime(DateTimeOffset start) => Reset(start);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return from + Stopwatch.GetElapsedTime(since);
    }

    /// <summary>Moves the clock to an instant, from where it runs on; disposing the result brings it back to where it would be.</summary>
    public IDisposable Travel(DateTimeOffset to)
    {
        var back = GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        Reset(to);
        return new Return(() => Reset(back + Stopwatch.GetElapsedTime(started)));
    }

    private void Reset(DateTimeOffset at)
    {
        lock (gate)
        {
            from = at;
            since = Stopwatch.GetTimestamp();
        }
    }

    private sealed class Return(Action back) : IDisposable
    {
        public void Dispose() => back();
    }
}

/// <summary>The commune clock of the test hosts, and the days tests need from it.</summary>
public static class TestClock
{
    /// <summary>Wednesday 2 December 2026, 10:00 in Phnom Penh: a school day, no holiday, not the end of a month.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    public static readonly TestTime Time = new(Start);

    public static readonly HiveClock Clock = new(Time, HiveClock.FindZone(HiveClock.DefaultZoneId));

    public static DateTime UtcNow => Clock.UtcNow;

    public static DateTime LocalNow => Clock.LocalNow;

    public static DateOnly Today => Clock.Today;

    public static DateOnly DayOf(DateTime utc) => Clock.DayOf(utc);

    /// <summary>A commune clock stopped at a wall-clock time in Phnom Penh, for rules tested without a host.</summary>
    public static HiveClock At(int year, int month, int day, int hour = 10, int minute = 0)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Clock.Zone);
        return Stopped(new DateTimeOffset(utc, TimeSpan.Zero));
    }

    /// <summary>A commune clock stopped at a UTC instant.</summary>
    public static HiveClock Stopped(DateTimeOffset utc) => new(new StoppedTime(utc), Clock.Zone);

    private sealed class StoppedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}

/// <summary>Tests that move the test hosts' clock: they run alone, after the others, so no other test sees another day.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClockEdges
{
    public const string Name = "Clock edges";
}
