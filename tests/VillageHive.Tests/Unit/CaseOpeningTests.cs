using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class CaseOpeningTests
{
    private static Referral Screened() => new() { Id = 7, HouseholdId = 11, VillageId = 3, Status = ReferralStatus.Screened };

    [Theory]
    [InlineData(ScreeningDecision.CrisisResponse, Tier.Crisis, 7)]
    [InlineData(ScreeningDecision.EarlyIntervention, Tier.EarlyIntervention, 14)]
    public void A_case_opens_on_the_screened_tier_with_its_first_assessment_due(ScreeningDecision decision, Tier tier, int days)
    {
        var referral = Screened();
        var openedAt = new DateTime(2026, 12, 2, 17, 30, 0, DateTimeKind.Utc);
        var openedOn = new DateOnly(2026, 12, 3); // 00:30 in Phnom Penh
        var c = CaseOpening.Open(referral, decision, Priority.High, "ouchar.vbsw1", openedAt, openedOn);
        (c.ReferralId, c.HouseholdId, c.VillageId).ShouldBe((7, 11, 3));
        c.Tier.ShouldBe(tier);
        c.RiskLevel.ShouldBe(Priority.High);
        c.Status.ShouldBe(CaseStatus.Open);
        c.LeadWorker.ShouldBe("ouchar.vbsw1");
        c.OpenedAt.ShouldBe(openedAt);
        c.AssessmentDueOn.ShouldBe(openedOn.AddDays(days));
        referral.Status.ShouldBe(ReferralStatus.InSupport);
    }

    [Fact]
    public void No_case_opens_for_a_referral_that_needs_no_further_action()
    {
        var referral = Screened();
        Should.Throw<DomainException>(() => CaseOpening.Open(referral, ScreeningDecision.NoFurtherAction, Priority.Low, "w", DateTime.UnixEpoch, DateOnly.MinValue))
            .MessageKey.ShouldBe("Screening.NoCaseToOpen");
        referral.Status.ShouldBe(ReferralStatus.Screened);
    }
}

public sealed class CaseMoveRecordTests
{
    [Fact]
    public void A_move_changes_the_status_and_returns_its_record_and_closing_keeps_when()
    {
        var c = new VillageHive.Domain.Case { Id = 5, Status = CaseStatus.Review };
        var at = new DateTime(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);
        var closed = CaseWorkflow.Apply(c, CaseStatus.Closed, "ouchar.senior", "Safety goals met", at);
        (closed.CaseId, closed.From, closed.To, closed.By, closed.Reason, closed.At).ShouldBe((5, CaseStatus.Review, CaseStatus.Closed, "ouchar.senior", "Safety goals met", at));
        c.Status.ShouldBe(CaseStatus.Closed);
        c.ClosedAt.ShouldBe(at);
        CaseWorkflow.Apply(c, CaseStatus.Assessment, "ouchar.senior", "New worries", at.AddDays(3)).From.ShouldBe(CaseStatus.Closed);
        c.ClosedAt.ShouldBeNull();
    }
}
