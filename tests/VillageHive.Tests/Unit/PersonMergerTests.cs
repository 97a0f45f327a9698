using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class PersonMergerTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static Person NewPerson(int id, int household, string given)
    {
        var p = new Person { Id = id, HouseholdId = household, Sex = Sex.Female, EstimatedBirthYear = 2015 };
        p.SetNames("សុខ", given, "Sok", "Test");
        return p;
    }

    private static PersonMove Move(int id, int person) => new() { Id = id, PersonId = person, FromHouseholdId = 1, ToHouseholdId = 2, RecordedBy = "vbsw" };

    [Fact]
    public void Links_and_moves_go_to_the_kept_person_and_the_duplicate_is_marked()
    {
        var kept = NewPerson(1, 10, "ស្រីពៅ");
        var duplicate = NewPerson(2, 20, "ស្រីពៅ");
        ReferralChild[] links = [new() { ReferralId = 100, PersonId = 2 }, new() { ReferralId = 101, PersonId = 2 }];
        PersonMove[] moves = [Move(7, 2)];

        var result = PersonMerger.Merge(kept, duplicate, links, [100], moves, "admin", Now);

        result.LinksToRemove.ShouldBe(links);
        // The kept person is already on referral 100: only 101 gets a new link (the key is referral + person).
        result.LinksToAdd.Select(l => (l.ReferralId, l.PersonId)).ShouldBe([(101, 1)]);
        moves[0].PersonId.ShouldBe(1);
        duplicate.MergedIntoPersonId.ShouldBe(1);
        kept.MergedIntoPersonId.ShouldBeNull();
        kept.HouseholdId.ShouldBe(10);
        result.Record.KeptPersonId.ShouldBe(1);
        result.Record.MergedPersonId.ShouldBe(2);
        result.Record.MergedBy.ShouldBe("admin");
        result.Record.MergedAt.ShouldBe(Now);
        result.Record.MergedSnapshot.ShouldContain("\"GivenNameKm\":\"ស្រីពៅ\"");
        result.Record.MergedSnapshot.ShouldContain("\"HouseholdId\":20");
        result.Record.MergedSnapshot.ShouldContain("\"ReferralIds\":[100,101]");
    }

    [Fact]
    public void A_person_is_not_merged_into_itself()
    {
        var p = NewPerson(1, 10, "ក");
        Should.Throw<DomainException>(() => PersonMerger.Merge(p, p, [], [], [], "admin", Now)).MessageKey.ShouldBe("Merge.SamePerson");
        p.MergedIntoPersonId.ShouldBeNull();
    }

    [Fact]
    public void An_already_merged_record_is_not_merged_again_either_way()
    {
        var merged = NewPerson(2, 10, "ក");
        merged.MergedIntoPersonId = 5;
        Should.Throw<DomainException>(() => PersonMerger.Merge(NewPerson(1, 10, "ក"), merged, [], [], [], "admin", Now)).MessageKey.ShouldBe("Merge.AlreadyMerged");
        Should.Throw<DomainException>(() => PersonMerger.Merge(merged, NewPerson(3, 10, "ក"), [], [], [], "admin", Now)).MessageKey.ShouldBe("Merge.AlreadyMerged");
        merged.MergedIntoPersonId.ShouldBe(5);
    }
}
