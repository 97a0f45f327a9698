using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

/// <summary>Registers the commune clock: the Hive's time zone checked at start-up, and the time it reads.</summary>
public static class ClockSetup
{
    public const string ZoneKey = "Hive:TimeZone";

    /// <summary>A test host's setting: the clock starts at this UTC instant and runs on from there.</summary>
    public const string StartKey = "Clock:Start";

    public static IServiceCollection AddHiveClock(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        // Read now, not on first use: a misspelt zone stops the start, not the first page a worker opens.
        var zone = HiveClock.FindZone(config[ZoneKey]);
        var time = TimeProvider.System;
        if (config[StartKey] is { Length: > 0 } start)
        {
            // A server whose clock can be set by a setting must never be a commune's.
            if (!environment.IsEnvironment("Testing"))
                throw new InvalidOperationException($"{StartKey} is honoured only in the Testing environment.");
            if (!DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw new InvalidOperationException($"{StartKey} \"{start}\" is not an instant (e.g. 2026-12-02T03:00:00Z).");
            time = new StartedTime(at);
        }
        services.AddSingleton(time);
        services.AddSingleton(sp => new HiveClock(sp.GetRequiredService<TimeProvider>(), zone));
        return services;
    }

    /// <summary>
    /// The zone chosen at first run (/Setup/Place), kept in the database, takes the place of the setting. A database
    /// not migrated yet (PostgreSQL migrated by the `migrate` command) keeps the setting's zone.
    /// </summary>
    public static async Task UseStoredZoneAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        string? id;
        try
        {
            id = await db.Installations.AsNoTracking().Select(i => i.TimeZoneId).FirstOrDefaultAsync();
        }
        catch (DbException)
        {
            return;
        }
        if (id is { Length: > 0 })
            services.GetRequiredService<HiveClock>().UseZone(HiveClock.FindZone(id));
    }
}

/// <summary>Time that starts at a given instant and runs at the normal pace, measured without the wall clock.</summary>
public sealed class StartedTime(DateTimeOffset start) : TimeProvider
{
    private readonly long started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(started);
}
