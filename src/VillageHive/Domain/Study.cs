using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace VillageHive.Domain;

/// <summary>
/// The longitudinal study: a study follows cohorts of households (the households of a commune when its Hive began)
/// through waves of interviews, each wave asking one frozen version of the study's questionnaire. Every answer is
/// one row (participant × question), so the commune report and the research export read the same answers.
/// </summary>
public sealed class ResearchStudy
{
    public int Id { get; set; }
    public string NameEn { get; set; } = "";
    public string NameKm { get; set; } = "";
    public string? Purpose { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<StudyCohort> Cohorts { get; set; } = [];
    public List<Questionnaire> Questionnaires { get; set; } = [];
}

/// <summary>The households a study follows, in one commune, with the year the commune's Hive began (the staggered rollout).</summary>
public sealed class StudyCohort
{
    public int Id { get; set; }
    public int StudyId { get; set; }
    public ResearchStudy? Study { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public string Name { get; set; } = "";
    /// <summary>How the members were chosen, in words ("every household of the commune when its Hive began").</summary>
    public string Rule { get; set; } = "";
    /// <summary>The year the commune's Hive began, kept so that communes starting in different years can be compared.</summary>
    public int HiveStartYear { get; set; }
    public List<CohortMember> Members { get; set; } = [];
    public List<StudyWave> Waves { get; set; } = [];
}

/// <summary>A household in a cohort, from the day it joined.</summary>
public sealed class CohortMember
{
    public int Id { get; set; }
    public int CohortId { get; set; }
    public StudyCohort? Cohort { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    public DateOnly JoinedOn { get; set; }
}

/// <summary>A round of interviews of a cohort in a planned date window, asking one questionnaire version (frozen from then on).</summary>
public sealed class StudyWave
{
    public int Id { get; set; }
    public int CohortId { get; set; }
    public StudyCohort? Cohort { get; set; }
    public int Number { get; set; }
    public DateOnly PlannedFrom { get; set; }
    public DateOnly PlannedTo { get; set; }
    public int QuestionnaireVersionId { get; set; }
    public QuestionnaireVersion? QuestionnaireVersion { get; set; }
    public List<WaveParticipant> Participants { get; set; } = [];
}

public sealed class Questionnaire
{
    public int Id { get; set; }
    public int StudyId { get; set; }
    public ResearchStudy? Study { get; set; }
    public string Name { get; set; } = "";
    public List<QuestionnaireVersion> Versions { get; set; } = [];
}

/// <summary>
/// One version of a questionnaire: its ordered questions. Once a wave asks it, it is frozen (<see cref="FrozenOn"/>)
/// and the database refuses any change to its questions; a change is a new version, which starts as a copy of the last.
/// </summary>
public sealed class QuestionnaireVersion
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public Questionnaire? Questionnaire { get; set; }
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateOnly? FrozenOn { get; set; }
    public List<StudyQuestion> Questions { get; set; } = [];

    public bool IsFrozen => FrozenOn is not null;

    /// <summary>A draft copy of this version (the next number), question for question.</summary>
    public QuestionnaireVersion NextDraft(string by, DateTime at) => new()
    {
        QuestionnaireId = QuestionnaireId,
        Number = Number + 1,
        CreatedAt = at,
        CreatedBy = by,
        Questions = Questions.OrderBy(q => q.Order).Select(q => q.Copy()).ToList(),
    };

    /// <summary>Publishes a draft: from today on it may be asked in a wave and its questions never change. A message key when it may not.</summary>
    public string? Publish(DateOnly today)
    {
        if (IsFrozen) return "Study.AlreadyPublished";
        if (Questions.Count == 0) return "Study.PublishEmpty";
        FrozenOn = today;
        return null;
    }

    /// <summary>Moves a question one place up (-1) or down (+1) and numbers the questions 1, 2, 3… in their new order.</summary>
    public void Move(int questionId, int by)
    {
        var ordered = Questions.OrderBy(q => q.Order).ThenBy(q => q.Id).ToList();
        var at = ordered.FindIndex(q => q.Id == questionId);
        var to = at + Math.Sign(by);
        if (at >= 0 && to >= 0 && to < ordered.Count) (ordered[at], ordered[to]) = (ordered[to], ordered[at]);
        Renumber(ordered);
    }

    /// <summary>Takes a question out and numbers the others 1, 2, 3… in their order.</summary>
    public void Remove(StudyQuestion question)
    {
        Questions.Remove(question);
        Renumber(Questions.OrderBy(q => q.Order).ThenBy(q => q.Id).ToList());
    }

    private static void Renumber(List<StudyQuestion> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].Order != i + 1) ordered[i].Order = i + 1;
    }
}

public enum QuestionType
{
    Number = 0,
    YesNo = 1,
    Choice = 2,
    Frequency = 3,
    Text = 4,
}

/// <summary>A question of a questionnaire version: its code (the export's column), text in both languages, type, unit or options.</summary>
public sealed class StudyQuestion
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public QuestionnaireVersion? Version { get; set; }
    public int Order { get; set; }
    public string Code { get; set; } = "";
    public string TextEn { get; set; } = "";
    public string TextKm { get; set; } = "";
    public QuestionType Type { get; set; }
    /// <summary>For a number: its unit ("USD", "children"); null otherwise.</summary>
    public string? Unit { get; set; }
    public int? Min { get; set; }
    public int? Max { get; set; }
    /// <summary>For a choice: one option a line, "code|English|Khmer".</summary>
    public string? Options { get; set; }

    public StudyQuestion Copy() => new()
    {
        Order = Order, Code = Code, TextEn = TextEn, TextKm = TextKm, Type = Type, Unit = Unit, Min = Min, Max = Max, Options = Options,
    };

    public sealed record Option(string Code, string En, string Km);

    /// <summary>
    /// Message keys for a question as entered on the draft's page: a code that can name an export column (a letter, then
    /// letters, digits or _), both texts, a unit only for a number, and for a choice its options, one a line "code|English|Khmer".
    /// </summary>
    public IReadOnlyList<(string Field, string MessageKey)> Validate()
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Code)) errors.Add((nameof(Code), "Validation.Required"));
        else if (!StudyQuestions.CodePattern().IsMatch(Code)) errors.Add((nameof(Code), "Study.CodeInvalid"));
        foreach (var (field, text) in new[] { (nameof(TextKm), TextKm), (nameof(TextEn), TextEn) })
        {
            if (string.IsNullOrWhiteSpace(text)) errors.Add((field, "Validation.Required"));
            else if (text.Length > StudyQuestions.MaxQuestionText) errors.Add((field, "Validation.TooLong"));
        }
        if (!Enum.IsDefined(Type)) errors.Add((nameof(Type), "Validation.Invalid"));
        if (Unit is { Length: > 64 }) errors.Add((nameof(Unit), "Validation.TooLong"));
        if (Type != QuestionType.Number && Unit is not null) errors.Add((nameof(Unit), "Study.UnitOnlyForNumber"));
        if (Type == QuestionType.Choice)
        {
            var lines = (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = AllowedOptions();
            if (lines.Length == 0 || options.Count != lines.Length || options.Any(o => !StudyQuestions.CodePattern().IsMatch(o.Code) || o.En.Trim().Length == 0 || o.Km.Trim().Length == 0)
                || options.Select(o => o.Code).Distinct().Count() != options.Count)
                errors.Add((nameof(Options), "Study.OptionsInvalid"));
            else if (Options!.Length > StudyQuestions.MaxOptions) errors.Add((nameof(Options), "Validation.TooLong"));
        }
        else if (Options is not null) errors.Add((nameof(Options), "Study.OptionsOnlyForChoice"));
        return errors;
    }

    /// <summary>The allowed answers of a choice or frequency question, in order.</summary>
    public IReadOnlyList<Option> AllowedOptions() => Type switch
    {
        QuestionType.Frequency => StudyQuestions.FrequencyOptions,
        QuestionType.Choice => (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|')).Where(p => p.Length == 3).Select(p => new Option(p[0], p[1], p[2])).ToList(),
        QuestionType.YesNo => StudyQuestions.YesNoOptions,
        _ => [],
    };

    /// <summary>
    /// Reads a typed answer from what was entered; null text is no answer. False with a message key when the text is
    /// not an answer to this question.
    /// </summary>
    public bool TryRead(string? text, out StudyAnswer? answer, out string? messageKey)
    {
        answer = null;
        messageKey = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return true;
        switch (Type)
        {
            case QuestionType.Number:
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number > 1_000_000_000m
                    || decimal.Round(number, 2) != number)
                {
                    messageKey = "Validation.Invalid";
                    return false;
                }
                if ((Min is { } min && number < min) || (Max is { } max && number > max))
                {
                    messageKey = "Validation.Scale";
                    return false;
                }
                answer = new StudyAnswer { QuestionId = Id, NumberHundredths = (long)(number * 100) };
                return true;
            case QuestionType.YesNo:
                if (text is not ("yes" or "no"))
                {
                    messageKey = "Validation.Invalid";
                    return false;
                }
                answer = new StudyAnswer { QuestionId = Id, YesNo = text == "yes" };
                return true;
            case QuestionType.Choice:
            case QuestionType.Frequency:
                if (AllowedOptions().All(o => o.Code != text))
                {
                    messageKey = "Validation.Invalid";
                    return false;
                }
                answer = new StudyAnswer { QuestionId = Id, Choice = text };
                return true;
            default:
                if (text.Length > StudyQuestions.MaxText)
                {
                    messageKey = "Validation.TooLong";
                    return false;
                }
                answer = new StudyAnswer { QuestionId = Id, Text = text };
                return true;
        }
    }
}

/// <summary>Where a participant stands in a wave: not yet seen (pending), or seen with an outcome.</summary>
public enum ParticipantStatus
{
    Pending = 0,
    Completed = 1,
    Refused = 2,
    Moved = 3,
    NotFound = 4,
    Deceased = 5,
}

/// <summary>A cohort household in one wave, with its status, when and by whom it was recorded; the answers hang on it.</summary>
public sealed class WaveParticipant
{
    public int Id { get; set; }
    public int WaveId { get; set; }
    public StudyWave? Wave { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    public ParticipantStatus Status { get; set; }
    public DateOnly? StatusOn { get; set; }
    public string? Reason { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime? RecordedAt { get; set; }
    public int Version { get; set; }
    public List<StudyAnswer> Answers { get; set; } = [];
}

/// <summary>One answer: one participant of a wave to one question, in the column of the question's type.</summary>
public sealed class StudyAnswer
{
    public int Id { get; set; }
    public int ParticipantId { get; set; }
    public WaveParticipant? Participant { get; set; }
    public int QuestionId { get; set; }
    public StudyQuestion? Question { get; set; }
    /// <summary>A number answer × 100, kept whole so that SQL sums and averages it on both databases.</summary>
    public long? NumberHundredths { get; set; }
    public bool? YesNo { get; set; }
    public string? Choice { get; set; }
    public string? Text { get; set; }

    public decimal? Number => NumberHundredths is { } h ? h / 100m : null;

    /// <summary>The answer as text for the export: a number in invariant form, yes/no, an option code, or the text.</summary>
    public string Value() =>
        Number is { } n ? n.ToString("0.##", CultureInfo.InvariantCulture)
        : YesNo is { } b ? (b ? "yes" : "no")
        : Choice ?? Text ?? "";
}

public static class StudyRules
{
    /// <summary>The rule that makes a cohort, in words (kept on the cohort).</summary>
    public const string HiveStartRule = "Every household on the commune's register, from the day its Hive began";

    /// <summary>The day a commune's Hive began (co-creation, else operating), or null while it has not.</summary>
    public static DateOnly? HiveStart(Hive hive) => hive.CoCreationFrom ?? hive.OperatingFrom;

    /// <summary>The households a cohort of a commune takes: every household on the commune's register (merged ones are counted once, as the household kept).</summary>
    public static Expression<Func<Household, bool>> CohortHouseholds(int communeId) =>
        h => h.Village!.CommuneId == communeId && h.MergedIntoHouseholdId == null;

    /// <summary>
    /// Message keys for a wave's planned window: it starts by its end, and does not overlap another wave of the same
    /// study (one round of interviews at a time).
    /// </summary>
    public static IReadOnlyList<(string Field, string MessageKey)> ValidateWindow(DateOnly from, DateOnly to, IEnumerable<(DateOnly From, DateOnly To)> otherWaves)
    {
        var errors = new List<(string, string)>();
        if (from < new DateOnly(2000, 1, 1)) errors.Add(("PlannedFrom", "Validation.DateTooOld"));
        if (to < from) errors.Add(("PlannedTo", "Study.WindowEndBeforeStart"));
        else if (to > from.AddYears(2)) errors.Add(("PlannedTo", "Study.WindowTooLong"));
        else if (otherWaves.Any(w => from <= w.To && w.From <= to)) errors.Add(("PlannedFrom", "Study.WindowOverlaps"));
        return errors;
    }

    /// <summary>
    /// A wave takes interviews (and other statuses) only in its planned window: the commune's today and the day
    /// recorded both fall in it. A message key otherwise.
    /// </summary>
    public static string? OutsideWindow(DateOnly on, DateOnly today, DateOnly from, DateOnly to) =>
        today < from || today > to || on < from || on > to ? "Study.OutsideWindow" : null;

    /// <summary>The share of a wave's participants lost to it (refused, moved, not found, deceased), in percent.</summary>
    public static int AttritionPercent(int participants, int lost) =>
        participants == 0 ? 0 : (int)Math.Round(100m * lost / participants, MidpointRounding.AwayFromZero);

    public static bool IsLost(ParticipantStatus status) => status is ParticipantStatus.Refused or ParticipantStatus.Moved or ParticipantStatus.NotFound or ParticipantStatus.Deceased;

    /// <summary>Message keys for a status recorded on a day (today being the commune's today).</summary>
    public static IReadOnlyList<(string Field, string MessageKey)> ValidateStatus(ParticipantStatus status, DateOnly on, string? reason, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(status) || status == ParticipantStatus.Pending) errors.Add(("Status", "Validation.Invalid"));
        if (on > today) errors.Add(("On", "Validation.DateInFuture"));
        if (on < new DateOnly(2000, 1, 1)) errors.Add(("On", "Validation.DateTooOld"));
        if (status != ParticipantStatus.Completed && string.IsNullOrWhiteSpace(reason)) errors.Add(("Reason", "Validation.Required"));
        if (reason is { Length: > 500 }) errors.Add(("Reason", "Validation.TooLong"));
        return errors;
    }
}

/// <summary>The first questionnaire version: the outcome indicators of <see cref="OutcomeSurvey"/>, with the research export's codes.</summary>
public static class StudyQuestions
{
    public const int MaxText = 2000;
    public const int MaxQuestionText = 500;
    public const int MaxOptions = 4000;
    /// <summary>The questionnaire a new study starts with (its first draft holds the outcome indicators).</summary>
    public const string FirstQuestionnaireName = "Household outcomes";

    /// <summary>A code that can name an export column: a letter, then letters, digits or _, up to 64.</summary>
    public static Regex CodePattern() => Code;

    private static readonly Regex Code = new("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static readonly IReadOnlyList<StudyQuestion.Option> FrequencyOptions =
    [
        new(nameof(Frequency.None), "Never", "មិនដែល"),
        new(nameof(Frequency.Some), "Sometimes", "ម្តងម្កាល"),
        new(nameof(Frequency.Frequent), "Often", "ញឹកញាប់"),
    ];

    public static readonly IReadOnlyList<StudyQuestion.Option> YesNoOptions = [new("yes", "Yes", "បាទ/ចាស"), new("no", "No", "ទេ")];

    private static string Lines(params (Enum Value, string En, string Km)[] options) =>
        string.Join('\n', options.Select(o => $"{o.Value}|{o.En}|{o.Km}"));

    /// <summary>The questions of version 1, in order.</summary>
    public static List<StudyQuestion> Outcomes() =>
    [
        new() { Order = 1, Code = "DailyIncomeUsd", Type = QuestionType.Number, Unit = "USD", Min = 0, TextEn = "The household's income on a usual day", TextKm = "ចំណូលគ្រួសារក្នុងមួយថ្ងៃធម្មតា" },
        new() { Order = 2, Code = "MonthlySavingsUsd", Type = QuestionType.Number, Unit = "USD", Min = 0, TextEn = "What the household saves in a usual month", TextKm = "ប្រាក់សន្សំរបស់គ្រួសារក្នុងមួយខែធម្មតា" },
        new()
        {
            Order = 3, Code = nameof(OutcomeSurvey.FoodSecurity), Type = QuestionType.Choice, TextEn = "Food security", TextKm = "សន្តិសុខស្បៀង",
            Options = Lines((FoodSecurity.Secure, "Secure", "មានសុវត្ថិភាព"), (FoodSecurity.Mild, "Mildly insecure", "អសន្តិសុខកម្រិតស្រាល"),
                (FoodSecurity.Moderate, "Moderately insecure", "អសន្តិសុខកម្រិតមធ្យម"), (FoodSecurity.Severe, "Severely insecure", "អសន្តិសុខធ្ងន់ធ្ងរ")),
        },
        new() { Order = 4, Code = nameof(OutcomeSurvey.ChildrenOfSchoolAge), Type = QuestionType.Number, Unit = "children", Min = 0, Max = 30, TextEn = "Children of school age", TextKm = "កុមារដែលដល់អាយុចូលរៀន" },
        new() { Order = 5, Code = nameof(OutcomeSurvey.ChildrenEnrolled), Type = QuestionType.Number, Unit = "children", Min = 0, Max = 30, TextEn = "Children enrolled in school", TextKm = "កុមារដែលបានចុះឈ្មោះចូលរៀន" },
        new() { Order = 6, Code = nameof(OutcomeSurvey.ChildrenAttending), Type = QuestionType.Number, Unit = "children", Min = 0, Max = 30, TextEn = "Children attending school regularly", TextKm = "កុមារដែលទៅរៀនជាប្រចាំ" },
        new() { Order = 7, Code = nameof(OutcomeSurvey.Violence), Type = QuestionType.Frequency, TextEn = "Violence in the home", TextKm = "អំពើហិង្សាក្នុងផ្ទះ" },
        new() { Order = 8, Code = nameof(OutcomeSurvey.Alcohol), Type = QuestionType.Frequency, TextEn = "Alcohol misuse in the home", TextKm = "ការប្រើគ្រឿងស្រវឹងហួសហេតុក្នុងផ្ទះ" },
        new() { Order = 9, Code = nameof(OutcomeSurvey.ParentMigrated), Type = QuestionType.YesNo, TextEn = "A parent has migrated for work", TextKm = "ឪពុក ឬម្តាយចំណាកស្រុកទៅធ្វើការ" },
        new() { Order = 10, Code = nameof(OutcomeSurvey.AllChildrenBirthRegistered), Type = QuestionType.YesNo, TextEn = "All children's births are registered", TextKm = "កំណើតកុមារទាំងអស់បានចុះបញ្ជី" },
        new()
        {
            Order = 11, Code = nameof(OutcomeSurvey.Housing), Type = QuestionType.Choice, TextEn = "Housing", TextKm = "លំនៅដ្ឋាន",
            Options = Lines((HousingSafety.Safe, "Safe", "មានសុវត្ថិភាព"), (HousingSafety.NeedsRepair, "Needs repair", "ត្រូវការជួសជុល"), (HousingSafety.Unsafe, "Unsafe", "គ្មានសុវត្ថិភាព")),
        },
        new() { Order = 12, Code = nameof(OutcomeSurvey.Wellbeing), Type = QuestionType.Number, Unit = "0-10", Min = 0, Max = 10, TextEn = "The family's wellbeing, 0 (very bad) to 10 (very good)", TextKm = "សុខុមាលភាពគ្រួសារ ០ (អាក្រក់ណាស់) ដល់ ១០ (ល្អណាស់)" },
    ];
}
