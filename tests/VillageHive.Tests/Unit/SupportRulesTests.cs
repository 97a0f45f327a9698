using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class SupportRulesTests
{
    [Fact]
    public void Quantity_times_unit_cost_is_rounded_once_to_the_currency()
    {
        Money.Total(50, 3_000m, Currency.KHR).ShouldBe(150_000m);
        Money.Total(3, 0.335m, Currency.USD).ShouldBe(1.01m);
        Money.Total(1, 2.5m, Currency.KHR).ShouldBe(3m);
        Money.ToMinor(70m, Currency.USD).ShouldBe(7_000);
        Money.ToMinor(4_500m, Currency.KHR).ShouldBe(4_500);
        Money.FromMinor(12_345, Currency.USD).ShouldBe(123.45m);
        Money.Format(150_000, Currency.KHR).ShouldBe("150,000 ៛");
        Money.Format(7_005, Currency.USD).ShouldBe("$70.05");
    }

    [Theory]
    [InlineData(0, 100, "Support.AmountPositive")]
    [InlineData(1, 0, "Support.AmountPositive")]
    [InlineData(1, -5, "Support.AmountPositive")]
    [InlineData(-2, 100, "Support.AmountPositive")]
    [InlineData(1, 2_000_000_000, "Support.AmountTooLarge")]
    [InlineData(1, 100.5, "Support.TooManyDecimals")]
    public void Amounts_that_cannot_be_requested_are_refused_in_riel(int quantity, double unitCost, string key) =>
        Money.AmountRefusal(quantity, (decimal)unitCost, Currency.KHR).ShouldBe(key);

    [Fact]
    public void Dollar_cents_are_accepted_but_not_fractions_of_a_cent()
    {
        Money.AmountRefusal(2, 12.50m, Currency.USD).ShouldBeNull();
        Money.AmountRefusal(2, 12.505m, Currency.USD).ShouldBe("Support.TooManyDecimals");
        Money.AmountRefusal(1, 1m, (Currency)9).ShouldBe("Support.CurrencyInvalid");
    }

    private static readonly ApproverLimit[] Limits =
    [
        new() { Role = Roles.Ccwc, Currency = Currency.KHR, MaxAmountMinor = 2_000_000 },
        new() { Role = Roles.SeniorSocialWorker, Currency = Currency.KHR, MaxAmountMinor = 400_000 },
        new() { Role = Roles.SeniorSocialWorker, Currency = Currency.USD, MaxAmountMinor = 100_00 },
        new() { UserName = "trusted.senior", Currency = Currency.KHR, MaxAmountMinor = 1_000_000 },
    ];

    [Fact]
    public void A_limit_for_the_user_wins_over_the_role_and_the_highest_role_counts()
    {
        SupportRules.LimitFor("a", [Roles.SeniorSocialWorker], Currency.KHR, Limits).ShouldBe(400_000);
        SupportRules.LimitFor("trusted.senior", [Roles.SeniorSocialWorker], Currency.KHR, Limits).ShouldBe(1_000_000);
        SupportRules.LimitFor("b", [Roles.SeniorSocialWorker, Roles.Ccwc], Currency.KHR, Limits).ShouldBe(2_000_000);
        SupportRules.LimitFor("c", [Roles.Ccwc], Currency.USD, Limits).ShouldBeNull();
        SupportRules.LimitFor("d", [Roles.VillageSocialWorker], Currency.KHR, Limits).ShouldBeNull();
    }

    [Fact]
    public void Approval_rules()
    {
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "vbsw", "ccwc", 150_000, 2_000_000, approving: true).ShouldBeNull();
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "ccwc", "CCWC", 150_000, 2_000_000, approving: true).ShouldBe("Support.OwnRequest");
        SupportRules.ApprovalRefusal(SupportStatus.Approved, "vbsw", "ccwc", 150_000, 2_000_000, approving: true).ShouldBe("Support.AlreadyDecided");
        SupportRules.ApprovalRefusal(SupportStatus.Rejected, "vbsw", "ccwc", 150_000, 2_000_000, approving: false).ShouldBe("Support.AlreadyDecided");
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "vbsw", "senior", 400_001, 400_000, approving: true).ShouldBe("Support.OverLimit");
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "vbsw", "senior", 400_000, 400_000, approving: true).ShouldBeNull();
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "vbsw", "senior", 400_001, 400_000, approving: false).ShouldBeNull();
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "vbsw", "x", 100, null, approving: true).ShouldBe("Support.NoLimit");
        SupportRules.ApprovalRefusal(SupportStatus.Requested, "vbsw", "ccwc", 0, 2_000_000, approving: true).ShouldBe("Support.AmountPositive");
        SupportRules.ScheduleApprovalRefusal(ScheduleStatus.Approved, "vbsw", "ccwc", 100, 2_000_000, approving: true).ShouldBe("Support.AlreadyDecided");
    }

    [Fact]
    public void Disbursement_only_after_approval_once_with_a_day_and_a_receiver()
    {
        var today = new DateOnly(2026, 5, 10);
        SupportRules.DisbursementRefusal(SupportStatus.Requested, today, "Mother", today).ShouldBe("Support.NotApproved");
        SupportRules.DisbursementRefusal(SupportStatus.Rejected, today, "Mother", today).ShouldBe("Support.NotApproved");
        SupportRules.DisbursementRefusal(SupportStatus.Disbursed, today, "Mother", today).ShouldBe("Support.AlreadyDisbursed");
        SupportRules.DisbursementRefusal(SupportStatus.Approved, null, "Mother", today).ShouldBe("Support.DateRequired");
        SupportRules.DisbursementRefusal(SupportStatus.Approved, today.AddDays(1), "Mother", today).ShouldBe("Support.DateInFuture");
        SupportRules.DisbursementRefusal(SupportStatus.Approved, today, " ", today).ShouldBe("Support.ReceivedByRequired");
        SupportRules.DisbursementRefusal(SupportStatus.Approved, today, "Mother", today).ShouldBeNull();
    }

    [Fact]
    public void The_ledger_subtracts_committed_and_spent_from_the_budget()
    {
        var line = new LedgerLine(Currency.KHR, 1_000_000, 300_000, 200_000);
        line.RemainingMinor.ShouldBe(500_000);
        line.Overspent.ShouldBeFalse();
        new LedgerLine(Currency.USD, 100_00, 80_00, 30_00).Overspent.ShouldBeTrue();
    }

    [Fact]
    public void A_schedule_owes_one_payment_a_month_until_it_ends()
    {
        SupportRules.MonthsDue(new DateOnly(2026, 1, 15), null, new DateOnly(2026, 3, 2))
            .ShouldBe([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)]);
        SupportRules.MonthsDue(new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 31), new DateOnly(2026, 6, 1)).ShouldBe([new DateOnly(2026, 1, 1)]);
    }

    [Fact]
    public void Service_referral_moves()
    {
        ServiceReferralFlow.Refusal(ServiceReferralStatus.Sent, ServiceReferralStatus.Accepted, null, null).ShouldBeNull();
        ServiceReferralFlow.Refusal(ServiceReferralStatus.Sent, ServiceReferralStatus.Declined, "", null).ShouldBe("ServiceReferral.ReasonRequired");
        ServiceReferralFlow.Refusal(ServiceReferralStatus.Sent, ServiceReferralStatus.Delivered, null, "x").ShouldBe("ServiceReferral.NotNow");
        ServiceReferralFlow.Refusal(ServiceReferralStatus.Accepted, ServiceReferralStatus.Delivered, null, " ").ShouldBe("ServiceReferral.OutcomeRequired");
        ServiceReferralFlow.Refusal(ServiceReferralStatus.Accepted, ServiceReferralStatus.Accepted, null, null).ShouldBe("ServiceReferral.NotNow");
        ServiceReferralFlow.Refusal(ServiceReferralStatus.Closed, ServiceReferralStatus.Closed, null, null).ShouldBe("ServiceReferral.NotNow");
        ServiceReferralFlow.IsOverdue(ServiceReferralStatus.Sent, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2)).ShouldBeTrue();
        ServiceReferralFlow.IsOverdue(ServiceReferralStatus.Accepted, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2)).ShouldBeFalse();
    }
}
