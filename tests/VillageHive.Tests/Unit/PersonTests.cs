using VillageHive.Tests.Infrastructure;
using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class PersonTests
{
    private static readonly HiveClock Now = TestClock.At(2026, 11, 23, 16);
    private static readonly DateOnly Today = Now.Today;

    private static Person Child(int householdId = 1)
    {
        var p = new Person { Id = 7, HouseholdId = householdId, RelationToHead = RelationToHead.Child, DateOfBirth = new DateOnly(2015, 3, 1) };
        p.SetNames("សុខ", "ដារ៉ា", "Sok", "Dara");
        return p;
    }

    [Theory]
    [InlineData(null, 9, SchoolStatus.Unknown)]
    [InlineData(null, null, SchoolStatus.Unknown)]
    [InlineData(null, 4, SchoolStatus.NotSchoolAge)]
    [InlineData(SchoolStatus.DroppedOut, 9, SchoolStatus.DroppedOut)]
    [InlineData((SchoolStatus)99, 9, SchoolStatus.Unknown)]
    public void A_referred_childs_school_status_is_asked_not_assumed(SchoolStatus? said, int? age, SchoolStatus expected) =>
        SchoolAge.Referred(said, age).ShouldBe(expected);

    [Fact]
    public void Move_changes_the_household_and_keeps_where_the_person_lived_before()
    {
        var child = Child();
        var grandparents = new Household { Id = 2 };
        var move = child.MoveTo(grandparents, new DateOnly(2026, 6, 1), RelationToHead.Grandchild, "Parents migrated to Thailand", "ouchar.vbsw1", Now);

        child.HouseholdId.ShouldBe(2);
        child.RelationToHead.ShouldBe(RelationToHead.Grandchild);
        move.FromHouseholdId.ShouldBe(1);
        move.ToHouseholdId.ShouldBe(2);
        move.PreviousRelation.ShouldBe(RelationToHead.Child);
        move.RecordedBy.ShouldBe("ouchar.vbsw1");
        child.Moves.ShouldHaveSingleItem().ShouldBeSameAs(move);
    }

    [Fact]
    public void Two_moves_keep_two_history_records()
    {
        var child = Child();
        child.MoveTo(new Household { Id = 2 }, new DateOnly(2025, 1, 1), RelationToHead.Grandchild, null, "a", Now);
        child.MoveTo(new Household { Id = 1 }, new DateOnly(2026, 1, 1), RelationToHead.Child, "Mother came back", "a", Now);
        child.Moves.Select(m => (m.FromHouseholdId, m.ToHouseholdId)).ShouldBe([(1, 2), (2, 1)]);
        child.HouseholdId.ShouldBe(1);
    }

    [Fact]
    public void Moving_into_the_same_household_is_refused() =>
        Should.Throw<DomainException>(() => Child().MoveTo(new Household { Id = 1 }, Today, RelationToHead.Child, null, "a", Now))
            .MessageKey.ShouldBe("Move.SameHousehold");

    [Fact]
    public void A_move_before_birth_is_refused() =>
        Should.Throw<DomainException>(() => Child().MoveTo(new Household { Id = 2 }, new DateOnly(2014, 1, 1), RelationToHead.Child, null, "a", Now))
            .MessageKey.ShouldBe("Move.BeforeBirth");

    [Fact]
    public void A_move_in_the_future_is_refused_and_changes_nothing()
    {
        var child = Child();
        Should.Throw<DomainException>(() => child.MoveTo(new Household { Id = 2 }, Today.AddDays(1), RelationToHead.Child, null, "a", Now));
        child.HouseholdId.ShouldBe(1);
        child.Moves.ShouldBeEmpty();
    }

    [Fact]
    public void Age_comes_from_the_date_of_birth_or_else_the_estimate()
    {
        var p = Child();
        p.AgeOn(new DateOnly(2026, 2, 28)).ShouldBe(10);
        p.AgeOn(new DateOnly(2026, 3, 1)).ShouldBe(11);
        p.DateOfBirth = null;
        p.EstimatedBirthYear = 1960;
        p.AgeOn(Today).ShouldBe(66);
        p.EstimatedBirthYear = null;
        p.AgeOn(Today).ShouldBeNull();
    }

    [Fact]
    public void Validation_refuses_empty_names_and_a_birth_date_in_the_future()
    {
        var p = new Person { DateOfBirth = Today.AddDays(1) };
        p.SetNames("  ", "", null, null);
        p.Validate(Today).Select(e => e.Field).ShouldBe([nameof(Person.FamilyNameKm), nameof(Person.GivenNameKm), nameof(Person.DateOfBirth)], ignoreOrder: true);
    }

    [Fact]
    public void A_valid_person_has_no_errors() => Child().Validate(Today).ShouldBeEmpty();

    [Fact]
    public void Search_name_holds_Khmer_and_Latin_names_normalised()
    {
        var p = new Person();
        p.SetNames(" សុខ ", "ដារ៉ា\u200B", "SOK", "Dara");
        p.SearchName.ShouldStartWith("សុខ ដារ៉ា sok dara" + NameSearch.KeyMarker);
        p.FamilyNameLatin.ShouldBe("SOK");
    }
}
