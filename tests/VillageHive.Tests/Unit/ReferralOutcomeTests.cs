using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class ReferralOutcomeTests
{
    [Theory]
    [InlineData(ReferralStatus.Received, null, null, ReferralOutcome.Received)]
    [InlineData(ReferralStatus.Screened, ScreeningDecision.NoFurtherAction, null, ReferralOutcome.NoFurtherAction)]
    [InlineData(ReferralStatus.Screened, ScreeningDecision.EarlyIntervention, null, ReferralOutcome.Screened)]
    [InlineData(ReferralStatus.InSupport, ScreeningDecision.CrisisResponse, CaseStatus.Open, ReferralOutcome.InSupport)]
    [InlineData(ReferralStatus.InSupport, ScreeningDecision.EarlyIntervention, CaseStatus.ActiveSupport, ReferralOutcome.InSupport)]
    [InlineData(ReferralStatus.InSupport, ScreeningDecision.CrisisResponse, CaseStatus.Transferred, ReferralOutcome.InSupport)]
    // The referral's own status stays "in support" when the case closes: the case decides.
    [InlineData(ReferralStatus.InSupport, ScreeningDecision.CrisisResponse, CaseStatus.Closed, ReferralOutcome.Finished)]
    // A case opened from a referral screened "no further action" (an override) still counts as support.
    [InlineData(ReferralStatus.InSupport, ScreeningDecision.NoFurtherAction, CaseStatus.Review, ReferralOutcome.InSupport)]
    public void The_outcome_follows_the_screening_and_the_case_as_they_are_now(ReferralStatus status, ScreeningDecision? decision, CaseStatus? caseStatus, ReferralOutcome expected) =>
        ReferralOutcomes.Of(status, decision, caseStatus).ShouldBe(expected);
}
