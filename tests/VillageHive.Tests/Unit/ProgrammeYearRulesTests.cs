using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class ProgrammeYearRulesTests
{
    private static readonly ProgrammeYear First = new() { Id = 1, StartDate = new(2024, 9, 2), EndDate = new(2025, 7, 31) };
    private static readonly ProgrammeYear Second = new() { Id = 2, StartDate = new(2025, 9, 1), EndDate = new(2026, 7, 31) };
    private static readonly ProgrammeYear[] Years = [First, Second];

    [Fact]
    public void The_current_year_is_the_one_today_falls_in_else_the_next_else_the_last()
    {
        ProgrammeYearRules.Current(Years, new DateOnly(2025, 1, 15)).ShouldBe(First);
        ProgrammeYearRules.Current(Years, new DateOnly(2025, 8, 15)).ShouldBe(Second, "the holiday between: the coming year");
        ProgrammeYearRules.Current(Years, new DateOnly(2026, 7, 31)).ShouldBe(Second, "the last day is in the year");
        ProgrammeYearRules.Current(Years, new DateOnly(2027, 1, 1)).ShouldBe(Second);
        ProgrammeYearRules.Current([], new DateOnly(2027, 1, 1)).ShouldBeNull();
        ProgrammeYearRules.Next(Years, First).ShouldBe(Second);
        ProgrammeYearRules.Next(Years, Second).ShouldBeNull();
        First.Label.ShouldBe("2024–2025");
    }

    [Fact]
    public void Years_of_one_programme_may_not_overlap()
    {
        ProgrammeYearRules.Overlaps(Years, new(2025, 7, 31), new(2025, 8, 30)).ShouldBeTrue("shares the first year's last day");
        ProgrammeYearRules.Overlaps(Years, new(2025, 8, 1), new(2025, 8, 31)).ShouldBeFalse();
        ProgrammeYearRules.Overlaps(Years, new(2024, 1, 1), new(2027, 1, 1)).ShouldBeTrue("spans both");
    }

    [Fact]
    public void An_enrolment_ends_with_its_year_without_an_exit()
    {
        var e = new Enrolment { StartDate = First.StartDate, YearEnd = First.EndDate };
        EnrolmentRules.ActiveOn.Holds(e, First.EndDate).ShouldBeTrue();
        EnrolmentRules.ActiveOn.Holds(e, First.EndDate.AddDays(1)).ShouldBeFalse();
        EnrolmentRules.HoldsPlaceOn.Holds(e, First.EndDate.AddDays(1)).ShouldBeFalse();
        EnrolmentRules.ActiveDuring.Holds(e, new Period(new(2025, 1, 1), new(2026, 1, 1))).ShouldBeTrue();
        EnrolmentRules.ActiveDuring.Holds(e, new Period(new(2026, 1, 1), new(2027, 1, 1))).ShouldBeFalse("counted in its own years' reports only");
        var open = new Enrolment { StartDate = First.StartDate };
        EnrolmentRules.ActiveDuring.Holds(open, new Period(new(2026, 1, 1), new(2027, 1, 1))).ShouldBeTrue("a programme without years: until the child leaves");
    }

    [Fact]
    public void Children_who_left_are_too_old_or_are_enrolled_already_do_not_come_over()
    {
        var staying = new Enrolment { StartDate = First.StartDate, YearEnd = First.EndDate };
        var left = new Enrolment { StartDate = First.StartDate, YearEnd = First.EndDate, ExitDate = new(2025, 3, 1), ExitReason = "moved" };
        ProgrammeYearRules.WhyNot(staying, 12, 14, inNextYear: false).ShouldBeNull();
        ProgrammeYearRules.WhyNot(staying, 14, 14, inNextYear: false).ShouldBeNull("14 is still in a programme for 6 to 14");
        ProgrammeYearRules.WhyNot(staying, 15, 14, inNextYear: false).ShouldBe(CarryOverRefusal.AgedOut);
        ProgrammeYearRules.WhyNot(staying, 17, null, inNextYear: false).ShouldBeNull();
        ProgrammeYearRules.WhyNot(staying, 18, null, inNextYear: false).ShouldBe(CarryOverRefusal.AgedOut);
        ProgrammeYearRules.WhyNot(staying, null, 14, inNextYear: false).ShouldBeNull("age unknown: the worker decides");
        ProgrammeYearRules.WhyNot(left, 10, 14, inNextYear: false).ShouldBe(CarryOverRefusal.Left);
        ProgrammeYearRules.WhyNot(staying, 10, 14, inNextYear: true).ShouldBe(CarryOverRefusal.AlreadyEnrolled);
    }
}
