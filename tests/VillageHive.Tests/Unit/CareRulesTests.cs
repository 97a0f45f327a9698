using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class CareRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static CareArrangement A(int id, CareType type, DateOnly since, DateOnly? until = null, CareEvent e = CareEvent.None, int? household = 1, string? place = null) => new()
    {
        Id = id, PersonId = 7, Type = type, StartedOn = since, EndedOn = until, Event = e, HouseholdId = household, Place = place,
        Reason = CareReason.WithFamily, RecordedBy = "ouchar.vbsw1",
    };

    [Fact]
    public void The_current_arrangement_is_the_latest_started_by_the_day_and_not_ended()
    {
        var person = new Person { Id = 7 };
        var home = A(1, CareType.BothParents, new DateOnly(2016, 1, 1));
        var centre = A(2, CareType.ResidentialCare, new DateOnly(2024, 3, 1), household: null, place: "centre");
        var back = A(3, CareType.Grandparents, new DateOnly(2026, 6, 1), e: CareEvent.Reintegration);
        person.CareArrangements.AddRange([home, centre, back]);
        foreach (var a in person.CareArrangements) a.Person = person;

        CareRules.CurrentOn.Holds(home, new DateOnly(2020, 1, 1)).ShouldBeTrue();
        CareRules.CurrentOn.Holds(centre, new DateOnly(2020, 1, 1)).ShouldBeFalse("not started yet");
        CareRules.CurrentOn.Holds(centre, new DateOnly(2025, 1, 1)).ShouldBeTrue();
        CareRules.CurrentOn.Holds(home, new DateOnly(2025, 1, 1)).ShouldBeFalse("a later one started");
        person.CareArrangements.Count(a => CareRules.CurrentOn.Holds(a, Today)).ShouldBe(1);
        CareRules.CurrentOn.Holds(back, Today).ShouldBeTrue();
        // Ended: no arrangement on the day after.
        back.EndedOn = new DateOnly(2026, 11, 1);
        person.CareArrangements.Count(a => CareRules.CurrentOn.Holds(a, Today)).ShouldBe(0);
        // Two on one day: the one recorded last.
        var sameDay = A(4, CareType.OneParent, new DateOnly(2026, 6, 1));
        sameDay.Person = person;
        person.CareArrangements.Add(sameDay);
        CareRules.CurrentOn.Holds(sameDay, new DateOnly(2026, 7, 1)).ShouldBeTrue();
        CareRules.CurrentOn.Holds(back, new DateOnly(2026, 7, 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(CareType.BothParents, true)]
    [InlineData(CareType.OneParent, true)]
    [InlineData(CareType.Grandparents, true)]
    [InlineData(CareType.OtherRelatives, true)]
    [InlineData(CareType.FosterFamily, false)]
    [InlineData(CareType.ResidentialCare, false)]
    [InlineData(CareType.Independent, false)]
    [InlineData(CareType.Other, false)]
    public void Living_with_family_is_parents_or_kin(CareType type, bool family) => CareRules.IsFamily(type).ShouldBe(family);

    [Theory]
    [InlineData(CareType.Grandparents, CareType.ResidentialCare, CareEvent.None, CareEvent.Separation)]
    [InlineData(CareType.BothParents, CareType.FosterFamily, CareEvent.None, CareEvent.Separation)]
    [InlineData(CareType.ResidentialCare, CareType.OneParent, CareEvent.None, CareEvent.Reintegration)]
    [InlineData(CareType.BothParents, CareType.Grandparents, CareEvent.None, CareEvent.None)]
    [InlineData(CareType.ResidentialCare, CareType.FosterFamily, CareEvent.None, CareEvent.None)]
    [InlineData(CareType.Independent, CareType.BothParents, CareEvent.Reintegration, CareEvent.Reintegration)]
    public void A_change_across_the_family_line_is_a_separation_or_a_reintegration(CareType before, CareType after, CareEvent stated, CareEvent recorded) =>
        CareRules.EventOf(before, after, stated).ShouldBe(recorded);

    [Fact]
    public void A_first_arrangement_records_the_event_the_worker_states() =>
        CareRules.EventOf(null, CareType.Grandparents, CareEvent.Reintegration).ShouldBe(CareEvent.Reintegration);

    [Fact]
    public void Checks_give_the_field_and_the_message()
    {
        var born = new DateOnly(2017, 5, 1);
        CareRules.Check(A(0, CareType.Grandparents, Today), null, born, Today).ShouldBeEmpty();
        CareRules.Check(A(0, CareType.Grandparents, Today.AddDays(1)), null, born, Today).ShouldBe([("StartedOn", "Validation.DateInFuture")]);
        CareRules.Check(A(0, CareType.Grandparents, born.AddDays(-1)), null, born, Today).ShouldBe([("StartedOn", "Care.BeforeBirth")]);
        CareRules.Check(A(0, CareType.Grandparents, Today.AddDays(-5), until: Today.AddDays(-6)), null, born, Today).ShouldBe([("EndedOn", "Care.EndBeforeStart")]);
        CareRules.Check(A(0, CareType.Grandparents, Today.AddDays(-5), until: Today.AddDays(1)), null, born, Today).ShouldBe([("EndedOn", "Validation.DateInFuture")]);
        CareRules.Check(A(0, CareType.ResidentialCare, Today, household: null), null, born, Today).ShouldBe([("Place", "Care.PlaceRequired")]);
        CareRules.Check(A(0, CareType.ResidentialCare, Today, e: CareEvent.Reintegration), null, born, Today).ShouldBe([("Event", "Care.ReintegrationNotToFamily")]);
        CareRules.Check(A(0, CareType.BothParents, Today, e: CareEvent.Reintegration), CareType.Grandparents, born, Today).ShouldBe([("Event", "Care.ReintegrationAlreadyHome")]);
        CareRules.Check(A(0, CareType.BothParents, Today, e: CareEvent.Reintegration), CareType.ResidentialCare, born, Today).ShouldBeEmpty();
        CareRules.Check(A(0, CareType.OneParent, Today, e: CareEvent.Separation), null, born, Today).ShouldBe([("Event", "Care.SeparationToFamily")]);
        CareRules.Check(A(0, (CareType)99, Today), null, born, Today).ShouldBe([("Type", "Validation.Invalid")]);
    }

    [Fact]
    public void Reintegrated_this_year_is_a_reintegration_on_a_day_of_the_year()
    {
        var year = new Period(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        CareRules.ReintegratedDuring.Holds(A(0, CareType.Grandparents, new DateOnly(2026, 1, 1), e: CareEvent.Reintegration), year).ShouldBeTrue();
        CareRules.ReintegratedDuring.Holds(A(0, CareType.Grandparents, new DateOnly(2025, 12, 31), e: CareEvent.Reintegration), year).ShouldBeFalse();
        CareRules.ReintegratedDuring.Holds(A(0, CareType.Grandparents, new DateOnly(2026, 6, 1)), year).ShouldBeFalse();
    }
}
