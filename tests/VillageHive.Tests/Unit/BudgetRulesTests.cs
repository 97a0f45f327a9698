using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class BudgetRulesTests
{
    [Theory]
    [InlineData(0, "KHR", "Budgets.AmountPositive")]
    [InlineData(-5, "KHR", "Budgets.AmountPositive")]
    [InlineData(2_000_000_000, "KHR", "Support.AmountTooLarge")]
    [InlineData(100.5, "KHR", "Support.TooManyDecimals")]
    [InlineData(12.505, "USD", "Support.TooManyDecimals")]
    [InlineData(40_000_000, "KHR", null)]
    [InlineData(5_000.50, "USD", null)]
    public void A_budget_or_limit_is_a_positive_amount_in_whole_riel_or_cents(double amount, string currency, string? key) =>
        BudgetRules.AmountRefusal((decimal)amount, Enum.Parse<Currency>(currency)).ShouldBe(key);

    [Fact]
    public void An_unknown_currency_is_refused() =>
        BudgetRules.AmountRefusal(1m, (Currency)9).ShouldBe("Support.CurrencyInvalid");

    [Theory]
    [InlineData(1999, false)]
    [InlineData(2000, true)]
    [InlineData(2100, true)]
    [InlineData(2101, false)]
    public void Years_run_from_2000_to_2100(int year, bool allowed) => BudgetRules.YearAllowed(year).ShouldBe(allowed);

    [Theory]
    [InlineData(Roles.Ccwc, null, null)]
    [InlineData(null, "ouchar.senior", null)]
    [InlineData(null, null, "Limits.RoleOrPerson")]
    [InlineData(Roles.Ccwc, "ouchar.senior", "Limits.RoleOrPerson")]
    [InlineData(Roles.VillageSocialWorker, null, "Limits.NotApprovingRole")]
    [InlineData(Roles.Administrator, null, "Limits.NotApprovingRole")]
    public void A_limit_is_for_an_approving_role_or_for_one_person(string? role, string? userName, string? key) =>
        BudgetRules.LimitTargetRefusal(role, userName).ShouldBe(key);

    [Fact]
    public void Only_people_whose_role_approves_hold_a_limit_of_their_own()
    {
        BudgetRules.MayHoldLimit([Roles.SeniorSocialWorker]).ShouldBeTrue();
        BudgetRules.MayHoldLimit([Roles.VillageSocialWorker]).ShouldBeFalse();
        BudgetRules.MayHoldLimit([]).ShouldBeFalse();
    }

    [Fact]
    public void Budget_lines_add_up_per_currency_and_a_kind_with_its_own_line_is_set_against_that_kind()
    {
        LedgerAmount[] budgets = [new(Currency.KHR, null, 10_000_000), new(Currency.KHR, SupportItem.Rice, 1_000_000), new(Currency.USD, null, 500_00)];
        LedgerAmount[] committed = [new(Currency.KHR, SupportItem.Rice, 300_000), new(Currency.KHR, SupportItem.Bicycle, 100_000)];
        LedgerAmount[] spent = [new(Currency.KHR, SupportItem.Rice, 900_000), new(Currency.USD, SupportItem.SchoolUniform, 20_00)];

        var ledger = SupportRules.Ledger(budgets, committed, spent);

        ledger.Totals.ShouldBe([
            new LedgerLine(Currency.KHR, 11_000_000, 400_000, 900_000),
            new LedgerLine(Currency.USD, 500_00, 0, 20_00)]);
        var rice = ledger.Kinds.ShouldHaveSingleItem();
        rice.ShouldBe(new LedgerLine(Currency.KHR, 1_000_000, 300_000, 900_000, SupportItem.Rice));
        rice.Overspent.ShouldBeTrue();
    }

    [Fact]
    public void A_ledger_without_budgets_still_has_a_line_per_currency() =>
        SupportRules.Ledger([], [], []).Totals.Select(l => l.Currency).ShouldBe(Enum.GetValues<Currency>());

    private static readonly ApproverLimit[] Limits =
    [
        new() { Role = Roles.Ccwc, Currency = Currency.KHR, MaxAmountMinor = 2_000_000 },
        new() { Role = Roles.SeniorSocialWorker, Currency = Currency.KHR, MaxAmountMinor = 400_000 },
        new() { UserName = "ouchar.senior", Currency = Currency.USD, MaxAmountMinor = 50_00 },
    ];

    [Fact]
    public void Riel_is_always_needed_and_dollars_once_a_budget_or_a_request_uses_them()
    {
        SupportReadiness.Needed([]).ShouldBe([Currency.KHR]);
        SupportReadiness.Needed([Currency.USD, Currency.USD]).ShouldBe([Currency.KHR, Currency.USD]);
    }

    [Fact]
    public void An_approver_is_told_the_currencies_they_cannot_approve_in()
    {
        var both = new[] { Currency.KHR, Currency.USD };
        SupportReadiness.WithoutLimit("ouchar.ccwc", [Roles.Ccwc], both, Limits).ShouldBe([Currency.USD]);
        SupportReadiness.WithoutLimit("ouchar.senior", [Roles.SeniorSocialWorker], both, Limits).ShouldBeEmpty();
        SupportReadiness.WithoutLimit("new.ccwc", [Roles.Ccwc], [Currency.KHR], Limits).ShouldBeEmpty();
    }

    [Fact]
    public void An_administrator_is_told_the_approving_roles_without_a_limit() =>
        SupportReadiness.RolesWithoutLimit([Currency.KHR, Currency.USD], Limits)
            .ShouldBe([(Roles.Ccwc, Currency.USD), (Roles.SeniorSocialWorker, Currency.USD)]);
}
