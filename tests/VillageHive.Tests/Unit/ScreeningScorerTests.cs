using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class ScreeningScorerTests
{
    private static readonly ScreeningCriteriaVersion Version = WithIds(ScreeningScorer.DefaultVersion(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

    private static ScreeningCriteriaVersion WithIds(ScreeningCriteriaVersion v)
    {
        foreach (var c in v.Criteria) c.Id = c.Order;
        return v;
    }

    [Fact]
    public void Nothing_met_proposes_no_further_action_at_low_priority() =>
        ScreeningScorer.Propose(Version, [], Urgency.NotUrgent).ShouldBe(new ScreeningScorer.Proposal(0, ScreeningDecision.NoFurtherAction, Priority.Low));

    [Fact]
    public void The_score_is_the_sum_of_the_weights_met()
    {
        // Migration plan (3) + out of school (2) = 5: Early Intervention.
        var p = ScreeningScorer.Propose(Version, [1, 6], Urgency.NotUrgent);
        p.Score.ShouldBe(5);
        p.Decision.ShouldBe(ScreeningDecision.EarlyIntervention);
        p.Priority.ShouldBe(Priority.Medium);
    }

    [Fact]
    public void A_high_score_proposes_crisis_response() =>
        ScreeningScorer.Propose(Version, [1, 3, 4], Urgency.Soon).Decision.ShouldBe(ScreeningDecision.CrisisResponse);

    [Fact]
    public void Abuse_alone_means_crisis_whatever_the_score()
    {
        var p = ScreeningScorer.Propose(Version, [11], Urgency.NotUrgent);
        p.Decision.ShouldBe(ScreeningDecision.CrisisResponse);
        p.Priority.ShouldBe(Priority.High);
    }

    [Fact]
    public void Immediate_danger_is_high_priority_even_with_a_low_score() =>
        ScreeningScorer.Propose(Version, [8], Urgency.ImmediateDanger).Priority.ShouldBe(Priority.High);

    [Fact]
    public void Criteria_of_another_version_are_ignored() =>
        ScreeningScorer.Propose(Version, [999], Urgency.NotUrgent).Score.ShouldBe(0);

    [Fact]
    public void Changing_the_proposal_needs_a_reason()
    {
        var p = ScreeningScorer.Propose(Version, [1, 6], Urgency.NotUrgent);
        ScreeningScorer.NeedsReason(p, p.Decision, p.Priority).ShouldBeFalse();
        ScreeningScorer.NeedsReason(p, ScreeningDecision.CrisisResponse, p.Priority).ShouldBeTrue();
        ScreeningScorer.NeedsReason(p, p.Decision, Priority.High).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ScreeningDecision.CrisisResponse, Tier.Crisis)]
    [InlineData(ScreeningDecision.EarlyIntervention, Tier.EarlyIntervention)]
    [InlineData(ScreeningDecision.NoFurtherAction, Tier.Universal)]
    public void The_decision_sets_the_tier(ScreeningDecision decision, Tier tier) => ScreeningScorer.TierFor(decision).ShouldBe(tier);
}
