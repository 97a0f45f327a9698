using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class SyncClockTests
{
    private static readonly DateTime ServerNow = new(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_device_clock_three_hours_behind_is_moved_forward_by_its_skew()
    {
        var skew = SyncClock.Skew(ServerNow, ServerNow.AddHours(-3));
        skew.ShouldBe(TimeSpan.FromHours(3));
        SyncClock.Corrected(ServerNow.AddHours(-3).AddMinutes(-5), skew, ServerNow).ShouldBe(ServerNow.AddMinutes(-5));
    }

    [Fact]
    public void A_capture_time_is_never_after_the_server_received_it()
    {
        SyncClock.Corrected(ServerNow.AddHours(2), TimeSpan.Zero, ServerNow).ShouldBe(ServerNow);
    }

    [Fact]
    public void A_record_without_a_device_time_was_captured_when_it_arrived()
    {
        SyncClock.Corrected(null, TimeSpan.FromHours(5), ServerNow).ShouldBe(ServerNow);
    }

    [Fact]
    public void The_later_captured_mark_supersedes_and_a_tie_goes_to_the_one_received_later()
    {
        AttendanceMarks.Supersedes(ServerNow, null).ShouldBeTrue();
        AttendanceMarks.Supersedes(ServerNow, ServerNow.AddMinutes(-1)).ShouldBeTrue();
        AttendanceMarks.Supersedes(ServerNow, ServerNow).ShouldBeTrue();
        AttendanceMarks.Supersedes(ServerNow.AddMinutes(-1), ServerNow).ShouldBeFalse();
    }
}
