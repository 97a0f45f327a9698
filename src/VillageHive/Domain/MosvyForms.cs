using System.Globalization;

namespace VillageHive.Domain;

/// <summary>
/// The MoSVY child-protection case forms 1–6, as OSCaR prints them (Children-in-Families/oscar-web,
/// app/views/government_forms/_show_form_one..six.pdf.haml): 1 initial information, 2 case and family assessment
/// (scored domains), 3 service plan for the case and the family, 4 placement of the child, 5 follow-up and monitoring,
/// 6 final assessment and closure. The Hive fills them from what the case holds; the few answers it does not hold are
/// asked once and kept as <see cref="FormAnswer"/> rows (docs/decisions: forms).
/// </summary>
public static class MosvyForms
{
    public const int First = 1;
    public const int Last = 6;

    public static bool Exists(int form) => form is >= First and <= Last;

    /// <summary>How an answer is typed in: one line, a paragraph, or a day.</summary>
    public enum Kind
    {
        Line = 0,
        Text = 1,
        Date = 2,
    }

    /// <summary>A field of a form the case does not hold. Text key "Forms.Field.{Key}".</summary>
    public sealed record Field(int Form, string Key, Kind Kind, int MaxLength, bool NotAfterToday = false);

    /// <summary>
    /// The fields asked once per case, in the order of the printed form. The list of OSCaR's fields per form (same files)
    /// less what the Hive already records: interview place, child, carer address, referral source and reason (form 1); scores
    /// (form 2, <see cref="WellbeingScoring"/>); plan goals and actions (form 3); care arrangement (form 4); visits (form 5);
    /// closure reason and final scaling (form 6).
    /// </summary>
    public static readonly IReadOnlyList<Field> Fields =
    [
        // Form 1: who was interviewed, the carer's relationship, the child's and guardian's view, the case worker's view.
        new(1, "Interviewees", Kind.Line, 200),
        new(1, "CarerRelationship", Kind.Line, 100),
        new(1, "ChildAndGuardianView", Kind.Text, 2000),
        new(1, "WorkerView", Kind.Text, 2000),
        // Form 2: the case worker's conclusion under the scores.
        new(2, "Conclusion", Kind.Text, 2000),
        // Form 3: the local authority representative who signs the plan with the worker and the family.
        new(3, "LocalAuthority", Kind.Line, 200),
        // Form 4: the carer who agrees to look after the child, their relationship and how to reach them.
        new(4, "NewCarer", Kind.Line, 200),
        new(4, "NewCarerRelationship", Kind.Line, 100),
        new(4, "CarerContact", Kind.Line, 500),
        // Form 5: new problems found while following up and what was done; the next step.
        new(5, "RecentIssues", Kind.Text, 2000),
        new(5, "NextSteps", Kind.Text, 2000),
        new(5, "NextFollowUpOn", Kind.Date, 10),
        // Form 6: the case's short story from support to closure, and the day the family was told.
        new(6, "CaseHistory", Kind.Text, 4000),
        new(6, "FamilyInformedOn", Kind.Date, 10, NotAfterToday: true),
    ];

    public static IReadOnlyList<Field> FieldsOf(int form) => Fields.Where(f => f.Form == form).ToList();

    public static Field? Find(int form, string key) => Fields.FirstOrDefault(f => f.Form == form && f.Key == key);

    /// <summary>The answer as kept (trimmed; a day as yyyy-MM-dd) and the text key of what is wrong with it, if anything.</summary>
    public static (string? Kept, string? Refusal) Check(Field field, string? typed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(field);
        var text = TypedText.OrNull(typed);
        if (text is null) return (null, null);
        if (field.Kind == Kind.Date)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return (null, "Validation.Invalid");
            if (field.NotAfterToday && day > today) return (null, "Validation.DateInFuture");
            return (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
        }
        if (text.Length > field.MaxLength) return (null, "Validation.TooLong");
        return (text, null);
    }

    /// <summary>A kept day answer, or null.</summary>
    public static DateOnly? Day(string? kept) =>
        DateOnly.TryParseExact(kept, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>One answer to a form field the case does not otherwise hold (<see cref="MosvyForms.Fields"/>).</summary>
public sealed class FormAnswer
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int Form { get; set; }
    public string Field { get; set; } = "";
    public string Answer { get; set; } = "";
    public string AnsweredBy { get; set; } = "";
    public DateTime AnsweredAt { get; set; }
}

/// <summary>
/// Form 2's domains, each scored 1 (weak) to 4 (very good): 11 for the child and 12 for the family. The scale's words
/// (ខ្សោយ, មធ្យម, ល្អ, ល្អណាស់) and the closing rule (a total of 48 or more, form 6) are OSCaR's
/// (_show_form_six.pdf.haml); the domains follow the child status and family status tables of _show_form_two.pdf.haml and
/// the Child Status Index domains of OSCaR's db/seeds.rb (food, growth, shelter, care, protection, health, wellbeing,
/// education, ...). Text keys "Wellbeing.{Key}".
/// </summary>
public static class WellbeingDomains
{
    public const int MinScore = 1;
    public const int MaxScore = 4;

    /// <summary>OSCaR's advice on form 6: the case could close when the total of all domains is 48 or more.</summary>
    public const int CloseAdviceTotal = 48;

    public static readonly IReadOnlyList<string> Child =
    [
        "ChildFood", "ChildGrowth", "ChildShelter", "ChildCare", "ChildProtection", "ChildLegal",
        "ChildHealth", "ChildEmotions", "ChildBehaviour", "ChildEducation", "ChildPlay",
    ];

    public static readonly IReadOnlyList<string> Family =
    [
        "FamilyIncome", "FamilyFood", "FamilyHousing", "FamilyWater", "FamilyHealth", "FamilyParenting",
        "FamilyRelationships", "FamilySafety", "FamilyDebt", "FamilyServices", "FamilyRelatives", "FamilyDocuments",
    ];

    public static readonly IReadOnlyList<string> All = [.. Child, .. Family];

    public static int MaxTotal => All.Count * MaxScore;

    public static bool SuggestsClosing(int total) => total >= CloseAdviceTotal;

    /// <summary>The text key of what is wrong with a scoring, or null: every domain scored 1..4, the day not after today.</summary>
    public static string? Refusal(IReadOnlyDictionary<string, int?> scores, DateOnly? scoredOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scoredOn is not { } day) return "Validation.Required";
        if (day > today) return "Validation.DateInFuture";
        foreach (var domain in All)
        {
            if (!scores.TryGetValue(domain, out var score) || score is null) return "Wellbeing.AllDomains";
            if (score is < MinScore or > MaxScore) return "Wellbeing.ScoreRange";
        }
        return null;
    }
}

/// <summary>One dated scoring of the form 2 domains; a new scoring is a new row, the old ones stay.</summary>
public sealed class WellbeingScoring
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public DateOnly ScoredOn { get; set; }
    public string ScoredBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public List<WellbeingScore> Scores { get; set; } = [];

    public int ChildTotal => Scores.Where(s => WellbeingDomains.Child.Contains(s.Domain)).Sum(s => s.Score);
    public int FamilyTotal => Scores.Where(s => WellbeingDomains.Family.Contains(s.Domain)).Sum(s => s.Score);
}

public sealed class WellbeingScore
{
    public int ScoringId { get; set; }
    public string Domain { get; set; } = "";
    public int Score { get; set; }
    public string? Comment { get; set; }
}
