using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class AbsenceRuleTests
{
    // Monday 16 to Friday 20 November 2026, then Monday 23.
    private static readonly DateOnly Mon = new(2026, 11, 16);
    private static readonly DateOnly[] NoHolidays = [];

    private static Dictionary<DateOnly, AttendanceStatus> Marks(params (int Offset, AttendanceStatus Status)[] days) =>
        days.ToDictionary(d => Mon.AddDays(d.Offset), d => d.Status);

    private const AttendanceStatus P = AttendanceStatus.Present;
    private const AttendanceStatus A = AttendanceStatus.Absent;
    private const AttendanceStatus E = AttendanceStatus.Excused;

    [Fact]
    public void Two_consecutive_school_days_absent_need_a_follow_up_from_the_first()
    {
        var marks = Marks((0, P), (1, A), (2, A));
        AbsenceRule.FollowUpNeeded(Mon.AddDays(2), marks, NoHolidays, 2).ShouldBe((Mon.AddDays(1), 2));
    }

    [Fact]
    public void One_day_absent_is_not_enough()
    {
        AbsenceRule.FollowUpNeeded(Mon.AddDays(2), Marks((1, P), (2, A)), NoHolidays, 2).ShouldBeNull();
    }

    [Fact]
    public void Present_breaks_the_run()
    {
        AbsenceRule.FollowUpNeeded(Mon.AddDays(3), Marks((1, A), (2, P), (3, A)), NoHolidays, 2).ShouldBeNull();
    }

    [Fact]
    public void Excused_neither_counts_nor_breaks_the_run()
    {
        var marks = Marks((0, P), (1, A), (2, E), (3, A));
        AbsenceRule.RunEndingOn(Mon.AddDays(3), marks, NoHolidays).ShouldBe((Mon.AddDays(1), 2));
        AbsenceRule.FollowUpNeeded(Mon.AddDays(2), Marks((1, E), (2, A)), NoHolidays, 2).ShouldBeNull();
    }

    [Fact]
    public void A_weekend_between_friday_and_monday_is_not_counted_and_does_not_break_the_run()
    {
        var marks = Marks((4, A), (7, A));
        AbsenceRule.FollowUpNeeded(Mon.AddDays(7), marks, NoHolidays, 2).ShouldBe((Mon.AddDays(4), 2));
    }

    [Fact]
    public void A_holiday_is_skipped_like_a_weekend()
    {
        var marks = Marks((1, A), (3, A));
        DateOnly[] holidays = [Mon.AddDays(2)];
        AbsenceRule.FollowUpNeeded(Mon.AddDays(3), marks, holidays, 2).ShouldBe((Mon.AddDays(1), 2));
        // Without the holiday the unmarked Wednesday ends the run: nothing is known about that day.
        AbsenceRule.FollowUpNeeded(Mon.AddDays(3), marks, NoHolidays, 2).ShouldBeNull();
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var marks = Marks((0, A), (1, A), (2, A));
        AbsenceRule.FollowUpNeeded(Mon.AddDays(1), marks, NoHolidays, 3).ShouldBeNull();
        AbsenceRule.FollowUpNeeded(Mon.AddDays(2), marks, NoHolidays, 3).ShouldBe((Mon, 3));
        AbsenceRule.FollowUpNeeded(Mon, marks, NoHolidays, 1).ShouldBe((Mon, 1));
    }

    [Fact]
    public void The_run_keeps_its_first_day_as_it_grows_so_one_follow_up_covers_it()
    {
        var marks = Marks((0, A), (1, A), (2, A), (3, A));
        AbsenceRule.RunEndingOn(Mon.AddDays(1), marks, NoHolidays).From.ShouldBe(Mon);
        AbsenceRule.RunEndingOn(Mon.AddDays(3), marks, NoHolidays).ShouldBe((Mon, 4));
    }

    [Fact]
    public void Previous_school_day_skips_weekends_and_holidays()
    {
        AbsenceRule.PreviousSchoolDay(Mon.AddDays(7), NoHolidays).ShouldBe(Mon.AddDays(4));
        AbsenceRule.PreviousSchoolDay(Mon.AddDays(7), [Mon.AddDays(4)]).ShouldBe(Mon.AddDays(3));
    }
}
