namespace VillageHive.Domain;

/// <summary>What makes a valid budget line or approval limit (<see cref="CommuneBudget"/>, <see cref="ApproverLimit"/>).</summary>
public static class BudgetRules
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static bool YearAllowed(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>A message key when the amount cannot be a budget line or a limit, else null.</summary>
    public static string? AmountRefusal(decimal amount, Currency currency)
    {
        if (!Enum.IsDefined(currency)) return "Support.CurrencyInvalid";
        if (amount <= 0) return "Budgets.AmountPositive";
        if (amount > Money.MaxAmount) return "Support.AmountTooLarge";
        // A cent of a riel does not exist, nor a tenth of a cent.
        if (Money.Round(amount, currency) != amount) return "Support.TooManyDecimals";
        return null;
    }

    /// <summary>A limit is for a role that approves or for one person by name, never both: a message key when it is not, else null.</summary>
    public static string? LimitTargetRefusal(string? role, string? userName)
    {
        var hasRole = !string.IsNullOrWhiteSpace(role);
        if (hasRole == !string.IsNullOrWhiteSpace(userName)) return "Limits.RoleOrPerson";
        if (hasRole && !Roles.SupportApprovers.Contains(role)) return "Limits.NotApprovingRole";
        return null;
    }

    /// <summary>A person's own limit is of use only to someone whose role approves support.</summary>
    public static bool MayHoldLimit(IEnumerable<string> roles) => roles.Any(Roles.SupportApprovers.Contains);
}

/// <summary>
/// What would stop support from being approved, told before a request waits: an approver without a limit in a
/// currency the commune uses (the approval would be refused with <c>Support.NoLimit</c>), a commune without a budget.
/// </summary>
public static class SupportReadiness
{
    /// <summary>The currencies an approver must be able to approve in: riel always, others once a budget line or a waiting request uses them.</summary>
    public static IReadOnlyList<Currency> Needed(IEnumerable<Currency> used) =>
        used.Append(Currency.KHR).Where(Enum.IsDefined).Distinct().Order().ToList();

    /// <summary>The needed currencies in which this person has no limit, by their own or their roles'.</summary>
    public static IReadOnlyList<Currency> WithoutLimit(string userName, IReadOnlyCollection<string> roles, IEnumerable<Currency> needed, IReadOnlyCollection<ApproverLimit> limits) =>
        needed.Where(c => SupportRules.LimitFor(userName, roles, c, limits) is null).ToList();

    /// <summary>The approving roles without a role limit in a needed currency (people with a limit of their own still approve).</summary>
    public static IReadOnlyList<(string Role, Currency Currency)> RolesWithoutLimit(IEnumerable<Currency> needed, IReadOnlyCollection<ApproverLimit> limits)
    {
        var currencies = needed.ToList();
        return Roles.SupportApprovers
            .SelectMany(role => currencies.Select(c => (Role: role, Currency: c)))
            .Where(x => !limits.Any(l => l.UserName is null && l.Role == x.Role && l.Currency == x.Currency))
            .ToList();
    }
}
