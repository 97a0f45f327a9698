using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Unit;

public sealed class HiveClockTests
{
    private static HiveClock AtUtc(int year, int month, int day, int hour, int minute) =>
        TestClock.Stopped(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(16, 59, 2)]
    [InlineData(17, 0, 3)]
    [InlineData(23, 30, 3)]
    public void The_communes_day_turns_at_midnight_in_Phnom_Penh(int hour, int minute, int day)
    {
        var clock = AtUtc(2026, 12, 2, hour, minute);
        clock.Today.ShouldBe(new DateOnly(2026, 12, day));
        clock.DayOf(clock.UtcNow).ShouldBe(clock.Today);
    }

    [Fact]
    public void The_year_turns_seven_hours_before_it_does_in_UTC()
    {
        AtUtc(2026, 12, 31, 16, 59).Today.Year.ShouldBe(2026);
        AtUtc(2026, 12, 31, 17, 0).Today.ShouldBe(new DateOnly(2027, 1, 1));
    }

    [Fact]
    public void A_communes_day_starts_at_17_00_UTC_the_day_before()
    {
        var clock = AtUtc(2026, 12, 2, 3, 0);
        clock.StartOfDayUtc(new DateOnly(2027, 1, 1)).ShouldBe(new DateTime(2026, 12, 31, 17, 0, 0, DateTimeKind.Utc));
        clock.At(new DateOnly(2026, 12, 2), new TimeOnly(9, 30)).ShouldBe(new DateTime(2026, 12, 2, 2, 30, 0, DateTimeKind.Utc));
        clock.ToUtc(new DateTime(2026, 12, 3, 0, 30, 0)).ShouldBe(new DateTime(2026, 12, 2, 17, 30, 0, DateTimeKind.Utc));
        clock.LocalNow.ShouldBe(new DateTime(2026, 12, 2, 10, 0, 0));
        clock.UtcOffset.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void The_day_does_not_depend_on_the_servers_zone()
    {
        // Every conversion names the Hive's zone: the same instant is the same commune day on any server.
        var clock = AtUtc(2026, 12, 5, 23, 30);
        clock.Today.ShouldBe(new DateOnly(2026, 12, 6));
        clock.Today.DayOfWeek.ShouldBe(DayOfWeek.Sunday);
        AbsenceRule.IsSchoolDay(clock.Today, []).ShouldBeFalse();
        AbsenceRule.IsSchoolDay(AtUtc(2026, 12, 2, 17, 30).Today, []).ShouldBeTrue("Thursday 00:30 in Phnom Penh");
    }

    [Fact]
    public void Times_are_shown_in_the_readers_language_on_the_communes_clock()
    {
        var clock = AtUtc(2026, 12, 2, 3, 0);
        var at = new DateTime(2026, 12, 6, 14, 11, 0, DateTimeKind.Utc);
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = Localisation.Culture(Localisation.Khmer);
            clock.Show(at).ShouldBe("6/12/2026 21:11");
            clock.ShowDay(new DateTime(2026, 12, 6, 17, 30, 0, DateTimeKind.Utc)).ShouldBe("7/12/2026");
            CultureInfo.CurrentCulture = Localisation.Culture(Localisation.English);
            // ICU puts a narrow no-break space before "PM".
            clock.Show(at).Replace('\u202f', ' ').ShouldBe("12/6/2026 9:11 PM");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_monthly_review_after_the_last_day_of_a_month_falls_on_the_last_day_of_the_next()
    {
        ReviewSchedule.NextReviewDue(new DateOnly(2027, 1, 31), Tier.Crisis, Priority.High).ShouldBe(new DateOnly(2027, 2, 28));
        ReviewSchedule.NextReviewDue(new DateOnly(2026, 12, 31), Tier.Crisis, Priority.Medium).ShouldBe(new DateOnly(2027, 1, 31));
        ReviewSchedule.NextReviewDue(new DateOnly(2026, 11, 30), Tier.EarlyIntervention, Priority.Medium).ShouldBe(new DateOnly(2027, 2, 28));
    }

    [Fact]
    public void An_unknown_time_zone_stops_the_start_with_a_clear_message()
    {
        var e = Should.Throw<InvalidOperationException>(() => Register(new() { [ClockSetup.ZoneKey] = "Mars/Olympus_Mons" }, "Production"));
        e.Message.ShouldContain("Mars/Olympus_Mons");
        e.Message.ShouldContain(HiveClock.DefaultZoneId);
    }

    [Fact]
    public void Another_zone_can_be_set_and_the_default_is_Phnom_Penh()
    {
        Register([], "Production").GetRequiredService<HiveClock>().Zone.BaseUtcOffset.ShouldBe(TimeSpan.FromHours(7));
        Register(new() { [ClockSetup.ZoneKey] = "Asia/Bangkok" }, "Production").GetRequiredService<HiveClock>().Zone.Id.ShouldBe("Asia/Bangkok");
    }

    [Fact]
    public void A_start_time_is_honoured_only_by_a_test_host()
    {
        var start = new Dictionary<string, string?> { [ClockSetup.StartKey] = "2026-12-05T23:30:00Z" };
        Should.Throw<InvalidOperationException>(() => Register(start, "Production")).Message.ShouldContain("Testing");
        var clock = Register(start, "Testing").GetRequiredService<HiveClock>();
        clock.Today.ShouldBe(new DateOnly(2026, 12, 6));
        clock.UtcNow.ShouldBeGreaterThanOrEqualTo(new DateTime(2026, 12, 5, 23, 30, 0, DateTimeKind.Utc));
        clock.UtcNow.ShouldBeLessThan(new DateTime(2026, 12, 6, 0, 30, 0, DateTimeKind.Utc));
        Should.Throw<InvalidOperationException>(() => Register(new() { [ClockSetup.StartKey] = "next Tuesday" }, "Testing"));
    }

    private static ServiceProvider Register(Dictionary<string, string?> settings, string environment)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddHiveClock(config, new Env(environment)).BuildServiceProvider();
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "VillageHive";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
