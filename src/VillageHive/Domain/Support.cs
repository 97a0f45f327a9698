using System.Globalization;

namespace VillageHive.Domain;

public enum Currency
{
    KHR = 0,
    USD = 1,
}

public enum SupportItem
{
    Rice = 0,
    Bicycle = 1,
    SchoolUniform = 2,
    SchoolMaterials = 3,
    HygieneKit = 4,
    CashBasicNeeds = 5,
    EmergencyCash = 6,
    Other = 7,
}

public enum SupportStatus
{
    Requested = 0,
    Approved = 1,
    Rejected = 2,
    Disbursed = 3,
}

/// <summary>
/// Money as a whole number of the currency's smallest unit: riel has none in use (1 = one riel),
/// USD has cents (1 = one cent). Stored as <c>long</c> columns, so sums are exact integer sums in SQL on
/// both SQLite (which has no decimal type and whose EF provider refuses to SUM a decimal column) and
/// PostgreSQL. Screens and rules work in <see cref="decimal"/>; never float or double.
/// </summary>
public static class Money
{
    /// <summary>The largest amount accepted for one request (guards the arithmetic, far above any real request).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public static int Decimals(Currency currency) => currency == Currency.USD ? 2 : 0;

    /// <summary>
    /// Reads an amount typed on a phone: digits with an optional "." for decimals, spaces and "," as thousands
    /// separators ignored. Culture-free on purpose: in Khmer culture "." would be read as a thousands separator.
    /// </summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        var clean = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (clean.Length is 0 or > 20) return false;
        return decimal.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Rounds to the currency's smallest unit, halves away from zero (as a cashier does).</summary>
    public static decimal Round(decimal amount, Currency currency) =>
        Math.Round(amount, Decimals(currency), MidpointRounding.AwayFromZero);

    public static long ToMinor(decimal amount, Currency currency) =>
        (long)(Round(amount, currency) * (currency == Currency.USD ? 100m : 1m));

    public static decimal FromMinor(long minor, Currency currency) =>
        currency == Currency.USD ? minor / 100m : minor;

    /// <summary>Quantity × unit cost, rounded once at the end (no rounding of the unit cost first).</summary>
    public static decimal Total(decimal quantity, decimal unitCost, Currency currency) => Round(quantity * unitCost, currency);

    public static string Format(long minor, Currency currency) =>
        currency == Currency.USD
            ? "$" + FromMinor(minor, currency).ToString("#,##0.00", CultureInfo.InvariantCulture)
            : FromMinor(minor, currency).ToString("#,##0", CultureInfo.InvariantCulture) + " ៛";

    /// <summary>An amount as it is typed back into a form (no thousands separators), so that <see cref="TryParse"/> reads it again.</summary>
    public static string ForInput(long minor, Currency currency) =>
        FromMinor(minor, currency).ToString(currency == Currency.USD ? "0.00" : "0", CultureInfo.InvariantCulture);

    /// <summary>A message key when the amount may not be requested, else null.</summary>
    public static string? AmountRefusal(decimal quantity, decimal unitCost, Currency currency)
    {
        if (!Enum.IsDefined(currency)) return "Support.CurrencyInvalid";
        if (quantity <= 0 || unitCost <= 0) return "Support.AmountPositive";
        if (unitCost > MaxAmount || quantity > MaxAmount) return "Support.AmountTooLarge";
        var total = Total(quantity, unitCost, currency);
        if (total <= 0) return "Support.AmountPositive";
        if (total > MaxAmount) return "Support.AmountTooLarge";
        // A cent of a riel does not exist: a riel unit cost must be whole.
        if (Round(unitCost, currency) != unitCost) return "Support.TooManyDecimals";
        return null;
    }
}

/// <summary>Rice, a bicycle, school uniforms, cash...: requested on a case, approved, then disbursed to the family.</summary>
public sealed class MaterialSupportRequest
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    public SupportItem Item { get; set; }
    public string? Description { get; set; }
    public int Quantity { get; set; }
    public Currency Currency { get; set; }
    /// <summary>In the currency's smallest unit (<see cref="Money"/>).</summary>
    public long UnitCostMinor { get; set; }
    /// <summary>Quantity × unit cost, in the currency's smallest unit.</summary>
    public long AmountMinor { get; set; }
    public SupportStatus Status { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public DateOnly? DisbursedOn { get; set; }
    /// <summary>Who in the family received it.</summary>
    public string? ReceivedBy { get; set; }
    /// <summary>The receipt number or "thumbprint on form", as noted by the worker.</summary>
    public string? ReceiptNote { get; set; }
    public string? DisbursementRecordedBy { get; set; }
    /// <summary>Set when this is one payment of a support payment schedule.</summary>
    public int? ScheduleId { get; set; }
    /// <summary>The month a scheduled payment is for (first day); one payment per schedule and month.</summary>
    public DateOnly? PeriodStart { get; set; }
    public int Version { get; set; }
}

public enum ScheduleStatus
{
    Requested = 0,
    Approved = 1,
    Rejected = 2,
    /// <summary>A review found the family's basic needs met.</summary>
    Ended = 3,
}

/// <summary>A monthly support payment for basic needs, paid until a review says the basic needs are met.</summary>
public sealed class SupportPaymentSchedule
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int HouseholdId { get; set; }
    public Currency Currency { get; set; }
    /// <summary>One month's payment, in the currency's smallest unit.</summary>
    public long AmountMinor { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public string? EndReason { get; set; }
    public ScheduleStatus Status { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// What a commune council set aside for material support in one year, in one currency: for every kind of support
/// (<see cref="Item"/> null) or for one kind. A commune's budget in a currency is the sum of its lines
/// (<see cref="SupportRules.Ledger"/>); one line per commune, year, currency and kind.
/// </summary>
public sealed class CommuneBudget
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public int Year { get; set; }
    public Currency Currency { get; set; }
    /// <summary>The kind of support this line is for; null: any kind.</summary>
    public SupportItem? Item { get; set; }
    public long AmountMinor { get; set; }
    /// <summary>Who last set the amount, and when (UTC); empty on lines made before this was recorded.</summary>
    public string SetBy { get; set; } = "";
    public DateTime SetAt { get; set; }
    public int Version { get; set; }
}

/// <summary>The most one role (or one named user, which wins over the role) may approve in one request.</summary>
public sealed class ApproverLimit
{
    public int Id { get; set; }
    public string? Role { get; set; }
    public string? UserName { get; set; }
    public Currency Currency { get; set; }
    public long MaxAmountMinor { get; set; }
    /// <summary>Who last set the limit, and when (UTC); empty on limits made before this was recorded.</summary>
    public string SetBy { get; set; } = "";
    public DateTime SetAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Approval, disbursement and ledger rules for material support and support payments.</summary>
public static class SupportRules
{
    /// <summary>
    /// The approver's limit in the currency: a limit set for the user by name wins; otherwise the highest of
    /// their roles' limits; null when they have none (then they may not approve).
    /// </summary>
    public static long? LimitFor(string userName, IEnumerable<string> roles, Currency currency, IEnumerable<ApproverLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var list = limits.Where(l => l.Currency == currency).ToList();
        var own = list.Where(l => l.UserName == userName).Select(l => (long?)l.MaxAmountMinor).Max();
        if (own is not null) return own;
        var roleSet = roles.ToHashSet();
        return list.Where(l => l.UserName is null && l.Role is not null && roleSet.Contains(l.Role)).Select(l => (long?)l.MaxAmountMinor).Max();
    }

    /// <summary>A message key when this approver may not approve (or reject) the request, else null.</summary>
    public static string? ApprovalRefusal(SupportStatus status, string requestedBy, string approver, long amountMinor, long? limitMinor, bool approving)
    {
        if (status != SupportStatus.Requested) return "Support.AlreadyDecided";
        if (string.Equals(requestedBy, approver, StringComparison.OrdinalIgnoreCase)) return "Support.OwnRequest";
        if (amountMinor <= 0) return "Support.AmountPositive";
        if (approving && limitMinor is null) return "Support.NoLimit";
        if (approving && amountMinor > limitMinor) return "Support.OverLimit";
        return null;
    }

    public static string? ScheduleApprovalRefusal(ScheduleStatus status, string requestedBy, string approver, long amountMinor, long? limitMinor, bool approving) =>
        status != ScheduleStatus.Requested
            ? "Support.AlreadyDecided"
            : ApprovalRefusal(SupportStatus.Requested, requestedBy, approver, amountMinor, limitMinor, approving);

    /// <summary>A message key when the disbursement may not be recorded, else null.</summary>
    public static string? DisbursementRefusal(SupportStatus status, DateOnly? disbursedOn, string? receivedBy, DateOnly today)
    {
        if (status == SupportStatus.Disbursed) return "Support.AlreadyDisbursed";
        if (status != SupportStatus.Approved) return "Support.NotApproved";
        if (disbursedOn is null) return "Support.DateRequired";
        if (disbursedOn > today) return "Support.DateInFuture";
        if (string.IsNullOrWhiteSpace(receivedBy)) return "Support.ReceivedByRequired";
        return null;
    }

    /// <summary>
    /// A commune's ledger for a year from its budget lines and what was committed and spent, each per currency and kind.
    /// Budget lines add up: a currency's budget is the sum of its lines, for any kind and for one kind. A kind with a
    /// line of its own also gets a ledger line, set against what was committed and spent on that kind alone.
    /// </summary>
    public static CommuneLedger Ledger(IReadOnlyCollection<LedgerAmount> budgets, IReadOnlyCollection<LedgerAmount> committed, IReadOnlyCollection<LedgerAmount> spent)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(spent);
        static long Sum(IEnumerable<LedgerAmount> rows, Currency currency, SupportItem? item) =>
            rows.Where(r => r.Currency == currency && (item is null || r.Item == item)).Sum(r => r.AmountMinor);
        var totals = Enum.GetValues<Currency>()
            .Select(c => new LedgerLine(c, Sum(budgets, c, null), Sum(committed, c, null), Sum(spent, c, null)))
            .ToList();
        var kinds = budgets.Where(b => b.Item is not null).Select(b => (b.Currency, Item: b.Item!.Value)).Distinct()
            .OrderBy(k => k.Currency).ThenBy(k => k.Item)
            .Select(k => new LedgerLine(k.Currency, Sum(budgets, k.Currency, k.Item), Sum(committed, k.Currency, k.Item), Sum(spent, k.Currency, k.Item), k.Item))
            .ToList();
        return new CommuneLedger(totals, kinds);
    }

    /// <summary>The first days of the months a schedule owes a payment for, from its start up to today (or its end).</summary>
    public static IEnumerable<DateOnly> MonthsDue(DateOnly start, DateOnly? end, DateOnly today)
    {
        var last = end is { } e && e < today ? e : today;
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= last; m = m.AddMonths(1))
            if (m >= new DateOnly(start.Year, start.Month, 1)) yield return m;
    }
}

/// <summary>One currency's line of a commune's ledger for a year; with <paramref name="Item"/>, the line of one kind of support.</summary>
public sealed record LedgerLine(Currency Currency, long BudgetMinor, long CommittedMinor, long SpentMinor, SupportItem? Item = null)
{
    /// <summary>What is left to approve: approved-but-not-paid money is already promised.</summary>
    public long RemainingMinor => BudgetMinor - CommittedMinor - SpentMinor;
    public bool Overspent => RemainingMinor < 0;
}

/// <summary>An amount of one currency and kind of support: a budget line, or a sum committed or spent.</summary>
public sealed record LedgerAmount(Currency Currency, SupportItem? Item, long AmountMinor);

/// <summary>A commune's ledger for a year: one line per currency, then one per kind of support that has a budget line of its own.</summary>
public sealed record CommuneLedger(IReadOnlyList<LedgerLine> Totals, IReadOnlyList<LedgerLine> Kinds);
