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
    private static readonly CaseActor Team = new(OnTeam: true, Supervisor: false);
    private static readonly CaseActor Supervisor = new(OnTeam: false, Supervisor: true);
    private static readonly CaseFacts Facts = new(HasApprovedAssessment: true, HasApprovedPlan: true, OpenPlanActions: 0, ClosureProposedBy: "ouchar.vbsw1");
    private static readonly DateTime At = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_move_changes_the_status_and_returns_its_record_and_closing_keeps_when()
    {
        var c = new VillageHive.Domain.Case { Id = 5, Status = CaseStatus.Review };
        var closed = CaseWorkflow.Apply(c, CaseStatus.Closed, Supervisor, Facts, "ouchar.senior", "Safety goals met", At);
        closed.Refusal.ShouldBeNull();
        var r = closed.Record.ShouldNotBeNull();
        (r.CaseId, r.From, r.To, r.By, r.Reason, r.At).ShouldBe((5, CaseStatus.Review, CaseStatus.Closed, "ouchar.senior", "Safety goals met", At));
        c.Status.ShouldBe(CaseStatus.Closed);
        c.ClosedAt.ShouldBe(At);
        CaseWorkflow.Apply(c, CaseStatus.Assessment, Supervisor, Facts, "ouchar.senior", "New worries", At.AddDays(3)).Record!.From.ShouldBe(CaseStatus.Closed);
        c.ClosedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(CaseStatus.Closed, CaseStatus.Assessment, false, "Case.Move.SupervisorOnly")]
    [InlineData(CaseStatus.Transferred, CaseStatus.Assessment, true, "Case.Move.AwaitingTransfer")]
    [InlineData(CaseStatus.Open, CaseStatus.ActiveSupport, true, "Case.Move.NotAllowed")]
    [InlineData(CaseStatus.ActiveSupport, CaseStatus.Closed, true, "Case.Move.ReasonRequired")]
    public void A_refused_move_leaves_the_case_as_it_was_and_records_nothing(CaseStatus from, CaseStatus to, bool supervisor, string key)
    {
        var c = new VillageHive.Domain.Case { Id = 6, Status = from };
        var result = CaseWorkflow.Apply(c, to, supervisor ? Supervisor : Team, Facts, "w", null, At);
        (result.Record, result.Refusal).ShouldBe((null, key));
        c.Status.ShouldBe(from);
    }

    [Fact]
    public void Starting_an_assessment_and_ending_a_transfer_move_only_from_their_own_status()
    {
        var open = new VillageHive.Domain.Case { Status = CaseStatus.Open };
        CaseWorkflow.StartAssessment(open, "w", At)!.To.ShouldBe(CaseStatus.Assessment);
        CaseWorkflow.StartAssessment(open, "w", At).ShouldBeNull();
        var waiting = new VillageHive.Domain.Case { Status = CaseStatus.Transferred };
        CaseWorkflow.EndTransfer(waiting, CaseStatus.Closed, "s", null, At).ShouldBeNull();
        CaseWorkflow.EndTransfer(waiting, CaseStatus.Planning, "s", null, At)!.To.ShouldBe(CaseStatus.Planning);
        CaseWorkflow.EndTransfer(waiting, CaseStatus.Review, "s", null, At).ShouldBeNull();
        waiting.Status.ShouldBe(CaseStatus.Planning);
    }
}
