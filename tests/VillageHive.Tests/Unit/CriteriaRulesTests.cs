using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class CriteriaRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static CriteriaRules.Draft Row(string? km = "ក", string? en = "a", int? weight = 3, bool crisis = false) => new(km, en, weight, crisis);

    [Fact]
    public void A_checklist_with_one_criterion_and_ordered_thresholds_is_valid() =>
        CriteriaRules.Validate([Row()], 4, 9).ShouldBeEmpty();

    [Fact]
    public void Blank_rows_are_left_out_but_at_least_one_criterion_is_needed()
    {
        CriteriaRules.Validate([Row(null, "", null), Row()], 4, 9).ShouldBeEmpty();
        CriteriaRules.Validate([Row(null, "  ", 5), Row("", null, null)], 4, 9).ShouldContain(("", "Criteria.AtLeastOne"));
        CriteriaRules.Validate([], 4, 9).ShouldContain(("", "Criteria.AtLeastOne"));
    }

    [Fact]
    public void A_row_with_one_text_needs_the_other_and_a_weight()
    {
        var errors = CriteriaRules.Validate([Row(), Row("ក", "", null)], 4, 9);
        errors.ShouldBe([("Criteria[1].TextEn", "Validation.Required"), ("Criteria[1].Weight", "Validation.Required")], ignoreOrder: true);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Weights_are_0_to_20(int weight) =>
        CriteriaRules.Validate([Row(weight: weight)], 4, 9).ShouldBe([("Criteria[0].Weight", "Criteria.WeightRange")]);

    [Fact]
    public void Texts_are_at_most_300_characters()
    {
        CriteriaRules.Validate([Row(km: new string('ក', 300))], 4, 9).ShouldBeEmpty();
        CriteriaRules.Validate([Row(en: new string('a', 301))], 4, 9).ShouldBe([("Criteria[0].TextEn", "Validation.TooLong")]);
    }

    [Theory]
    [InlineData(9, 9)]
    [InlineData(10, 4)]
    public void Early_intervention_must_start_below_crisis(int early, int crisis) =>
        CriteriaRules.Validate([Row()], early, crisis).ShouldBe([("CrisisFrom", "Criteria.ThresholdOrder")]);

    [Fact]
    public void Missing_or_out_of_range_thresholds_are_refused()
    {
        CriteriaRules.Validate([Row()], null, null).ShouldBe([("EarlyInterventionFrom", "Validation.Required"), ("CrisisFrom", "Validation.Required")]);
        CriteriaRules.Validate([Row()], 0, 1001).ShouldBe([("EarlyInterventionFrom", "Criteria.ThresholdRange"), ("CrisisFrom", "Criteria.ThresholdRange")]);
    }

    [Fact]
    public void The_next_version_is_numbered_after_the_current_and_keeps_only_filled_rows_in_order()
    {
        var v = CriteriaRules.NextVersion(4, [Row(" ខ ", " b ", 2), Row(null, null, null), Row("គ", "c", 20, crisis: true)], 5, 12, "ouchar.ccwc", Now);
        v.Number.ShouldBe(5);
        v.CreatedBy.ShouldBe("ouchar.ccwc");
        v.CreatedAt.ShouldBe(Now);
        (v.EarlyInterventionFrom, v.CrisisFrom).ShouldBe((5, 12));
        v.Criteria.Select(c => (c.Order, c.TextKm, c.TextEn, c.Weight, c.ForcesCrisis)).ShouldBe([(1, "ខ", "b", 2, false), (2, "គ", "c", 20, true)]);
    }

    [Fact]
    public void An_invalid_checklist_never_becomes_a_version() =>
        Should.Throw<DomainException>(() => CriteriaRules.NextVersion(1, [Row()], 9, 4, "admin", Now));
}
