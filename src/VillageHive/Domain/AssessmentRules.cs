namespace VillageHive.Domain;

/// <summary>The Signs of Safety safety scale: 0 (the child is not safe) to 10 (safe enough to close the case).</summary>
public static class SafetyScale
{
    public const int Min = 0;
    public const int Max = 10;

    /// <summary>Not asked (null) or a whole number on the scale.</summary>
    public static bool IsValid(int? value) => value is null or (>= Min and <= Max);
}

/// <summary>What may happen to an assessment in each status.</summary>
public static class AssessmentRules
{
    /// <summary>A Senior social worker's approval freezes the assessment: the plan rests on it.</summary>
    public static bool MayEdit(AssessmentStatus status) => status != AssessmentStatus.Approved;

    /// <summary>Null when the move is allowed; otherwise the text key of the reason it is refused.</summary>
    public static string? SubmitRefusal(AssessmentStatus status) =>
        status == AssessmentStatus.Draft ? null : "Assessment.NotDraft";

    /// <summary>
    /// What an assessment must hold before it is submitted or approved: at least one danger statement, a safety goal
    /// for each danger statement, and the worker's scaling. Null when complete; otherwise the text key of what is missing.
    /// </summary>
    public static string? Incomplete(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var dangers = DangerStatements(assessment.DangerStatements).Count;
        if (dangers == 0) return "Assessment.Incomplete.DangerStatement";
        if (assessment.SafetyGoals.Count(g => !string.IsNullOrWhiteSpace(g.Text)) < dangers) return "Assessment.Incomplete.SafetyGoals";
        return assessment.WorkerScale is null ? "Assessment.Incomplete.WorkerScale" : null;
    }

    /// <summary>The danger statements written, one a line, without blank lines.</summary>
    public static IReadOnlyList<string> DangerStatements(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public static string? ApproveRefusal(AssessmentStatus status, bool supervisor) =>
        !supervisor ? "Assessment.SupervisorOnly"
        : status != AssessmentStatus.Submitted ? "Assessment.NotSubmitted"
        : null;

    /// <summary>A supervisor sends a submitted assessment back with a note saying what is missing.</summary>
    public static string? ReturnRefusal(AssessmentStatus status, bool supervisor, string? note) =>
        !supervisor ? "Assessment.SupervisorOnly"
        : status != AssessmentStatus.Submitted ? "Assessment.NotSubmitted"
        : string.IsNullOrWhiteSpace(note) ? "Assessment.ReturnNoteRequired"
        : null;

    /// <summary>The most safety goals one assessment holds (the form shows this many boxes).</summary>
    public const int MaxSafetyGoals = 6;

    /// <summary>The safety goals typed, trimmed and without blanks, numbered from 1 in the order given.</summary>
    public static List<SafetyGoal> Goals(IEnumerable<string?> texts, int caseId) =>
        texts.Where(t => !string.IsNullOrWhiteSpace(t)).Take(MaxSafetyGoals)
            .Select((t, i) => new SafetyGoal { CaseId = caseId, Order = i + 1, Text = t!.Trim() })
            .ToList();

    /// <summary>Replaces the goals of an assessment by the new list, keeping the rows (plan goals point at them) by position.</summary>
    public static void ReplaceGoals(Assessment assessment, IReadOnlyList<SafetyGoal> goals, Action<SafetyGoal> remove)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(remove);
        var existing = assessment.SafetyGoals.OrderBy(g => g.Order).ToList();
        for (var i = 0; i < goals.Count; i++)
        {
            if (i < existing.Count)
            {
                existing[i].Text = goals[i].Text;
                existing[i].Order = goals[i].Order;
            }
            else
            {
                assessment.SafetyGoals.Add(goals[i]);
            }
        }
        foreach (var extra in existing.Skip(goals.Count))
        {
            assessment.SafetyGoals.Remove(extra);
            remove(extra);
        }
    }
}

/// <summary>Drafts of assessments and plans: one started by mistake is discarded, only by the worker who started it.</summary>
public static class Drafts
{
    public static string? DiscardRefusal(bool isDraft, string createdBy, string userName) =>
        !isDraft ? "Draft.OnlyDraft"
        : !string.Equals(createdBy, userName, StringComparison.Ordinal) ? "Draft.AuthorOnly"
        : null;
}
