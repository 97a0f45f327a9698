using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class ConcernCriteriaTests
{
    private static ScreeningCriteriaVersion Version(int firstId)
    {
        var v = ScreeningScorer.DefaultVersion(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        foreach (var c in v.Criteria) c.Id = firstId + c.Order;
        return v;
    }

    [Fact]
    public void Every_concern_but_other_implies_a_criterion_of_the_programme_checklist()
    {
        var v = Version(0);
        foreach (var concern in Enum.GetValues<Concerns>().Where(c => c is not (Concerns.None or Concerns.Other)))
            ConcernCriteria.Of(concern, v).Count.ShouldBe(1, concern.ToString());
        ConcernCriteria.Of(Concerns.Other, v).ShouldBeEmpty();
        ConcernCriteria.Of(Concerns.None, v).ShouldBeEmpty();
    }

    [Fact]
    public void Concerns_map_to_their_criteria_by_key_not_by_id_or_order()
    {
        // A later version: other ids, the rows in another order; the same criteria are found by their key.
        var v = Version(100);
        v.Criteria.Single(c => c.TextEn == CriterionKey.OutOfSchool).Order = 1;
        v.Criteria.Single(c => c.TextEn == CriterionKey.ParentsMigrate).Order = 6;
        var ids = ConcernCriteria.Of(Concerns.OutOfSchool | Concerns.ParentsMigrating | Concerns.Illness | Concerns.Disability, v);
        ids.ShouldBe([106, 101, 109]); // in the checklist's order; illness and disability share one criterion
    }

    [Fact]
    public void A_criterion_whose_text_was_rewritten_implies_nothing_and_others_still_do()
    {
        var v = Version(0);
        v.Criteria.Single(c => c.TextEn == CriterionKey.Violence).TextEn = "Violence against a child or a parent";
        v.Criteria.Single(c => c.TextEn == CriterionKey.ExtremePoverty).TextEn = "  extreme poverty: NOT enough food ";
        ConcernCriteria.Of(Concerns.Violence | Concerns.ExtremePoverty, v).ShouldBe([3]);
    }
}
