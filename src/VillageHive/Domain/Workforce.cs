using System.Linq.Expressions;

namespace VillageHive.Domain;

/// <summary>
/// A module of the training curriculum the workers follow (counselling, child protection…), named in Khmer and
/// English. <see cref="Core"/> modules are the ones a worker must pass to count as trained.
/// </summary>
public sealed class TrainingModule
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameKm { get; set; }
    public required string NameEn { get; set; }
    public int Order { get; set; }
    public bool Core { get; set; }
}

public enum TrainingResult
{
    NotAssessed = 0,
    Competent = 1,
    NotYetCompetent = 2,
}

/// <summary>One worker's course of one module: when, by whom, and how the assessment went.</summary>
public sealed class TrainingRecord
{
    public int Id { get; set; }
    /// <summary>The commune the worker works in when trained: the record's place for scope.</summary>
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public string Worker { get; set; } = "";
    public int ModuleId { get; set; }
    public TrainingModule? Module { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string Trainer { get; set; } = "";
    public TrainingResult Result { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A supervision session: a supervisor and a worker, the cases they talked through, what they agreed, when next.</summary>
public sealed class SupervisionSession
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public string Supervisor { get; set; } = "";
    public string Worker { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public string AgreedActions { get; set; } = "";
    /// <summary>When the next session is due; null when none is planned (the worker leaves, say).</summary>
    public DateOnly? NextOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public int Version { get; set; }
    public List<SupervisionCase> Cases { get; set; } = [];
}

public sealed class SupervisionCase
{
    public int SessionId { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
}

public enum StaffMovementKind
{
    Joined = 0,
    /// <summary>The worker's post moved from the organisation to the commune's public service (the handover).</summary>
    TransferredToPublicSector = 1,
    Left = 2,
}

/// <summary>A worker joining, transferred to the public sector, or leaving, with the day it happened.</summary>
public sealed class StaffMovement
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public string Worker { get; set; } = "";
    public StaffMovementKind Kind { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>The rules of the workforce pages, written once for SQL and memory.</summary>
public static class WorkforceRules
{
    public const int MaxTrainer = 200;
    public const int MaxActions = 4000;
    public const int MaxNote = 500;
    public const int MinCeiling = 1;
    public const int MaxCeiling = 200;
    /// <summary>A next session further off than this is a typing slip.</summary>
    public const int MaxDaysToNext = 366;

    /// <summary>A session whose next date falls before the day asked about (today: overdue).</summary>
    public static readonly Rule<SupervisionSession, DateOnly> NextDueBefore = new((s, until) => s.NextOn != null && s.NextOn < until);

    /// <summary>
    /// The worker's latest session (none held after it) while they are still in post (no leaving recorded
    /// on or after it): its next date is the one that counts. <paramref name="sessions"/> and <paramref name="moves"/>
    /// are the tables, so that the test runs inside the same SQL.
    /// </summary>
    public static Expression<Func<SupervisionSession, bool>> Latest(IQueryable<SupervisionSession> sessions, IQueryable<StaffMovement> moves) =>
        s => !sessions.Any(l => l.Worker == s.Worker && (l.HeldOn > s.HeldOn || (l.HeldOn == s.HeldOn && l.Id > s.Id)))
            && !moves.Any(m => m.Worker == s.Worker && m.Kind == StaffMovementKind.Left && m.On >= s.HeldOn);

    /// <summary>A completed module with a competent result counts as trained.</summary>
    public static readonly Rule<TrainingRecord> Passed = new(t => t.CompletedOn != null && t.Result == TrainingResult.Competent);

    /// <summary>Why a training record cannot be kept, as screen-text keys by field; empty when it can.</summary>
    public static IReadOnlyList<(string Field, string Key)> Refusals(TrainingRecord t, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(t);
        var errors = new List<(string, string)>();
        if (t.StartedOn > today) errors.Add((nameof(t.StartedOn), "Validation.DateInFuture"));
        if (t.CompletedOn is { } done && done > today) errors.Add((nameof(t.CompletedOn), "Validation.DateInFuture"));
        if (t.CompletedOn is { } d && d < t.StartedOn) errors.Add((nameof(t.CompletedOn), "Workforce.CompletedBeforeStart"));
        if (t.CompletedOn is null && t.Result != TrainingResult.NotAssessed) errors.Add((nameof(t.Result), "Workforce.ResultNeedsCompletion"));
        if (string.IsNullOrWhiteSpace(t.Trainer)) errors.Add((nameof(t.Trainer), "Validation.Required"));
        return errors;
    }

    /// <summary>Why a supervision session cannot be kept.</summary>
    public static IReadOnlyList<(string Field, string Key)> Refusals(SupervisionSession s, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        var errors = new List<(string, string)>();
        if (s.HeldOn > today) errors.Add((nameof(s.HeldOn), "Validation.DateInFuture"));
        if (s.NextOn is { } next && next <= s.HeldOn) errors.Add((nameof(s.NextOn), "Workforce.NextAfterHeld"));
        if (s.NextOn is { } n && n > s.HeldOn.AddDays(MaxDaysToNext)) errors.Add((nameof(s.NextOn), "Workforce.NextTooFar"));
        if (string.IsNullOrWhiteSpace(s.AgreedActions)) errors.Add((nameof(s.AgreedActions), "Validation.Required"));
        if (s.Supervisor == s.Worker) errors.Add((nameof(s.Worker), "Workforce.NotYourself"));
        return errors;
    }

    /// <summary>The last day of each of the <paramref name="months"/> months up to the one <paramref name="today"/> is in (today for that one).</summary>
    public static IReadOnlyList<DateOnly> MonthEnds(DateOnly today, int months)
    {
        var list = new List<DateOnly>();
        var first = new DateOnly(today.Year, today.Month, 1);
        for (var i = months - 1; i >= 0; i--)
        {
            var start = first.AddMonths(-i);
            var end = start.AddMonths(1).AddDays(-1);
            list.Add(end > today ? today : end);
        }
        return list;
    }
}
