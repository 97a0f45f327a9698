namespace VillageHive.Domain;

/// <summary>When an outcome survey was taken: the study compares a household's first survey with its later ones.</summary>
public enum SurveyOccasion
{
    Intake = 0,
    Review = 1,
    Closure = 2,
    YearlyFollowUp = 3,
}


/// <summary>Household food security, from the household's own answer (a short version of the usual experience scale).</summary>
public enum FoodSecurity
{
    Secure = 0,
    Mild = 1,
    Moderate = 2,
    Severe = 3,
}

/// <summary>How often something happens in the home (violence, alcohol misuse).</summary>
public enum Frequency
{
    None = 0,
    Some = 1,
    Frequent = 2,
}

public enum HousingSafety
{
    Safe = 0,
    NeedsRepair = 1,
    Unsafe = 2,
}

/// <summary>
/// Money kept as whole minor units (US cents, riel) in a 64-bit integer. EF Core's SQLite provider stores a decimal
/// as TEXT, so SUM, AVG, MIN/MAX and ORDER BY on it either fail to translate or compare text; integers aggregate and
/// sort correctly on SQLite and PostgreSQL alike.
/// </summary>
public static class OutcomeMoney
{
    /// <summary>
    /// The reference rate of about 4,000 riel to the dollar that the programme's reports use; only for putting riel and
    /// dollar amounts on one scale in averages, never for a payment.
    /// </summary>
    public const int RielPerUsd = 4000;

    /// <summary>Riel per US cent (4,000 riel = 100 cents).</summary>
    public const int RielPerUsCent = RielPerUsd / 100;

    /// <summary>The amount a person types ("6.50", "25000") in minor units; null when it is not an amount of that currency.</summary>
    public static long? ToMinor(decimal amount, Currency currency)
    {
        if (amount < 0 || amount > 1_000_000_000m) return null;
        var minor = currency == Currency.USD ? amount * 100 : amount;
        return minor == decimal.Truncate(minor) ? (long)minor : null;
    }

    /// <summary>The amount in US dollars at the reference rate, for charts that compare households.</summary>
    public static decimal InUsd(long minor, Currency currency) => currency == Currency.USD ? minor / 100m : (decimal)minor / RielPerUsd;
}

/// <summary>
/// The outcome indicators of one household on one day, recorded at intake, at reviews, at closure and in yearly
/// follow-ups, for the household's own progress and for the longitudinal study.
/// </summary>
public sealed class OutcomeSurvey
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    /// <summary>The case the survey was taken for, when there is one.</summary>
    public int? CaseId { get; set; }
    public DateOnly SurveyedOn { get; set; }
    public SurveyOccasion Occasion { get; set; }
    public Currency Currency { get; set; }
    /// <summary>The household's income on a usual day, in minor units of <see cref="Currency"/>.</summary>
    public long? DailyIncomeMinor { get; set; }
    /// <summary>What the household saves in a usual month, in minor units of <see cref="Currency"/>.</summary>
    public long? MonthlySavingsMinor { get; set; }
    public FoodSecurity? FoodSecurity { get; set; }
    public int? ChildrenOfSchoolAge { get; set; }
    public int? ChildrenEnrolled { get; set; }
    public int? ChildrenAttending { get; set; }
    public Frequency? Violence { get; set; }
    public Frequency? Alcohol { get; set; }
    public bool? ParentMigrated { get; set; }
    public bool? AllChildrenBirthRegistered { get; set; }
    public HousingSafety? Housing { get; set; }
    /// <summary>The family's own answer: 0 (very bad) to 10 (very good).</summary>
    public int? Wellbeing { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public int Version { get; set; }

    /// <summary>Field names (keys for messages) that break a rule, given today.</summary>
    public IReadOnlyList<(string Field, string MessageKey)> Validate(DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (SurveyedOn > today) errors.Add((nameof(SurveyedOn), "Validation.DateInFuture"));
        if (SurveyedOn < new DateOnly(2000, 1, 1)) errors.Add((nameof(SurveyedOn), "Validation.DateTooOld"));
        if (Wellbeing is < 0 or > 10) errors.Add((nameof(Wellbeing), "Validation.Scale"));
        foreach (var (name, value) in new[] { (nameof(ChildrenOfSchoolAge), ChildrenOfSchoolAge), (nameof(ChildrenEnrolled), ChildrenEnrolled), (nameof(ChildrenAttending), ChildrenAttending) })
        {
            if (value is < 0 or > 30) errors.Add((name, "Validation.Count"));
        }
        if (ChildrenEnrolled > ChildrenOfSchoolAge) errors.Add((nameof(ChildrenEnrolled), "Outcome.MoreEnrolledThanChildren"));
        if (ChildrenAttending > ChildrenEnrolled) errors.Add((nameof(ChildrenAttending), "Outcome.MoreAttendingThanEnrolled"));
        return errors;
    }
}

/// <summary>What a consent is for: anonymous use in the commune's reports (stories), or in the research study.</summary>
public enum ConsentUse
{
    Reports = 0,
    Research = 1,
}

/// <summary>
/// One answer to a consent question, for a household (PersonId null) or for one person. Answers are never changed:
/// a new answer is a new record, and the latest one counts, so the history of what was said stays.
/// </summary>
public sealed class ConsentRecord
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public ConsentUse Use { get; set; }
    public bool Given { get; set; }
    /// <summary>Who answered and what they said, in their words ("the mother agreed, without the children's names").</summary>
    public string Said { get; set; } = "";
    public DateOnly AnsweredOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// A case's story written for the commune's report, without names. It appears in a year's report only when it is
/// selected for that year and the household's latest answer on use in reports is yes.
/// </summary>
public sealed class CaseStory
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>The year whose report shows the story; null while it is only a draft.</summary>
    public int? SelectedForYear { get; set; }
    public string WrittenBy { get; set; } = "";
    public DateTime WrittenAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The secret behind the research export's pseudonymous ids (HMAC of a record id), made on first use and kept in the
/// database, protected by ASP.NET Core data protection; never in the repository.
/// </summary>
public sealed class PseudonymKey
{
    public int Id { get; set; }
    public string ProtectedKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
