using System.ComponentModel.DataAnnotations;
using VillageHive.Domain;

namespace VillageHive.Features.Cases.Assessments;

/// <summary>The assessment form: the three columns, danger statements, safety goals, scaling and the Three Houses.</summary>
public sealed class AssessmentInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Assessment.AssessedOn")]
    public DateOnly? AssessedOn { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.Harm")]
    public string? Harm { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.Danger")]
    public string? Danger { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.ComplicatingFactors")]
    public string? ComplicatingFactors { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.Strengths")]
    public string? Strengths { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.ExistingSafety")]
    public string? ExistingSafety { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.NextSteps")]
    public string? NextSteps { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.DangerStatements")]
    public string? DangerStatements { get; set; }

    public List<string?> Goals { get; set; } = [];

    [Range(SafetyScale.Min, SafetyScale.Max, ErrorMessage = "Assessment.ScaleRange"), Display(Name = "Assessment.WorkerScale")]
    public int? WorkerScale { get; set; }

    [Range(SafetyScale.Min, SafetyScale.Max, ErrorMessage = "Assessment.ScaleRange"), Display(Name = "Assessment.FamilyScale")]
    public int? FamilyScale { get; set; }

    [Range(SafetyScale.Min, SafetyScale.Max, ErrorMessage = "Assessment.ScaleRange"), Display(Name = "Assessment.NetworkScale")]
    public int? NetworkScale { get; set; }

    [Range(SafetyScale.Min, SafetyScale.Max, ErrorMessage = "Assessment.ScaleRange"), Display(Name = "Assessment.ChildScale")]
    public int? ChildScale { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.HouseOfWorries")]
    public string? HouseOfWorries { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.HouseOfGoodThings")]
    public string? HouseOfGoodThings { get; set; }

    [StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Assessment.HouseOfDreams")]
    public string? HouseOfDreams { get; set; }

    public int Version { get; set; }

    /// <summary>The four scales, for the form's rows of radio buttons.</summary>
    public static readonly string[] Scales = [nameof(WorkerScale), nameof(FamilyScale), nameof(NetworkScale), nameof(ChildScale)];

    public int? Scale(string name) => name switch
    {
        nameof(WorkerScale) => WorkerScale,
        nameof(FamilyScale) => FamilyScale,
        nameof(NetworkScale) => NetworkScale,
        _ => ChildScale,
    };

    /// <summary>Checks what attributes cannot: the day is not in the future, goal texts fit.</summary>
    public void Check(DateOnly today, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (AssessedOn > today) error(nameof(AssessedOn), "Validation.DateInFuture");
        for (var i = 0; i < Goals.Count; i++)
            if (Goals[i] is { Length: > 500 }) error($"Goals[{i}]", "Validation.TooLong");
        if (Goals.Count(g => !string.IsNullOrWhiteSpace(g)) > AssessmentRules.MaxSafetyGoals) error(nameof(Goals), "Assessment.TooManyGoals");
    }

    public static AssessmentInput From(Assessment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            AssessedOn = a.AssessedOn, Harm = a.Harm, Danger = a.Danger, ComplicatingFactors = a.ComplicatingFactors,
            Strengths = a.Strengths, ExistingSafety = a.ExistingSafety, NextSteps = a.NextSteps, DangerStatements = a.DangerStatements,
            Goals = a.SafetyGoals.OrderBy(g => g.Order).Select(g => (string?)g.Text).ToList(),
            WorkerScale = a.WorkerScale, FamilyScale = a.FamilyScale, NetworkScale = a.NetworkScale, ChildScale = a.ChildScale,
            HouseOfWorries = a.HouseOfWorries, HouseOfGoodThings = a.HouseOfGoodThings, HouseOfDreams = a.HouseOfDreams,
            Version = a.Version,
        };
    }

    /// <summary>Writes the form onto the assessment; the safety goals are replaced by position.</summary>
    public void ApplyTo(Assessment a, Action<SafetyGoal> removeGoal)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.AssessedOn = AssessedOn!.Value;
        a.Harm = TypedText.OrNull(Harm);
        a.Danger = TypedText.OrNull(Danger);
        a.ComplicatingFactors = TypedText.OrNull(ComplicatingFactors);
        a.Strengths = TypedText.OrNull(Strengths);
        a.ExistingSafety = TypedText.OrNull(ExistingSafety);
        a.NextSteps = TypedText.OrNull(NextSteps);
        a.DangerStatements = TypedText.OrNull(DangerStatements);
        a.WorkerScale = WorkerScale;
        a.FamilyScale = FamilyScale;
        a.NetworkScale = NetworkScale;
        a.ChildScale = ChildScale;
        a.HouseOfWorries = TypedText.OrNull(HouseOfWorries);
        a.HouseOfGoodThings = TypedText.OrNull(HouseOfGoodThings);
        a.HouseOfDreams = TypedText.OrNull(HouseOfDreams);
        AssessmentRules.ReplaceGoals(a, AssessmentRules.Goals(Goals, a.CaseId), removeGoal);
    }

    /// <summary>The fields that differ between what the user typed and what is saved, for the concurrency notice.</summary>
    public static List<(string Field, string Mine, string Theirs)> Differences(AssessmentInput mine, AssessmentInput theirs)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        var rows = new List<(string, string, string)>();
        void Text(string key, string? m, string? t)
        {
            if ((TypedText.OrNull(m) ?? "") != (t ?? "")) rows.Add((key, m ?? "", t ?? ""));
        }
        void Number(string key, int? m, int? t)
        {
            if (m != t) rows.Add((key, m?.ToString(System.Globalization.CultureInfo.CurrentCulture) ?? "–", t?.ToString(System.Globalization.CultureInfo.CurrentCulture) ?? "–"));
        }
        if (mine.AssessedOn != theirs.AssessedOn) rows.Add(("Assessment.AssessedOn", mine.AssessedOn?.ToString("d", System.Globalization.CultureInfo.CurrentCulture) ?? "", theirs.AssessedOn?.ToString("d", System.Globalization.CultureInfo.CurrentCulture) ?? ""));
        Text("Assessment.Harm", mine.Harm, theirs.Harm);
        Text("Assessment.Danger", mine.Danger, theirs.Danger);
        Text("Assessment.ComplicatingFactors", mine.ComplicatingFactors, theirs.ComplicatingFactors);
        Text("Assessment.Strengths", mine.Strengths, theirs.Strengths);
        Text("Assessment.ExistingSafety", mine.ExistingSafety, theirs.ExistingSafety);
        Text("Assessment.NextSteps", mine.NextSteps, theirs.NextSteps);
        Text("Assessment.DangerStatements", mine.DangerStatements, theirs.DangerStatements);
        Text("Assessment.SafetyGoals", string.Join(" · ", mine.Goals.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Trim())), string.Join(" · ", theirs.Goals));
        Number("Assessment.WorkerScale", mine.WorkerScale, theirs.WorkerScale);
        Number("Assessment.FamilyScale", mine.FamilyScale, theirs.FamilyScale);
        Number("Assessment.NetworkScale", mine.NetworkScale, theirs.NetworkScale);
        Number("Assessment.ChildScale", mine.ChildScale, theirs.ChildScale);
        Text("Assessment.HouseOfWorries", mine.HouseOfWorries, theirs.HouseOfWorries);
        Text("Assessment.HouseOfGoodThings", mine.HouseOfGoodThings, theirs.HouseOfGoodThings);
        Text("Assessment.HouseOfDreams", mine.HouseOfDreams, theirs.HouseOfDreams);
        if (rows.Count == 0) rows.Add(("Concurrency.NoFieldChanged", "", ""));
        return rows;
    }
}
