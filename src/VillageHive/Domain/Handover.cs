using System.Linq.Expressions;

namespace VillageHive.Domain;

/// <summary>The items the council and the district check before and after a Hive is handed to the commune.</summary>
public enum ReadinessItem
{
    StaffTrained = 0,
    BudgetLine = 1,
    Policies = 2,
    CouncilTrained = 3,
    ReferralNetwork = 4,
    ServicesMapped = 5,
    FirstConsultation = 6,
    RegularMeetings = 7,
}

/// <summary>
/// One readiness item of one commune as confirmed by the commune (CCWC or an official) with its evidence, and reviewed
/// by the district. One row per commune and item; a new confirmation replaces the evidence and clears the review (the
/// audit chain keeps every earlier one).
/// </summary>
public sealed class ReadinessConfirmation
{
    public const int MaxEvidence = 2000;

    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public ReadinessItem Item { get; set; }
    public string Evidence { get; set; } = "";
    public string ConfirmedBy { get; set; } = "";
    public DateTime ConfirmedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Stages, lateness and the order of a Hive's history.</summary>
public static class HiveRules
{
    /// <summary>The last year of the rollout: one commune a year until every commune of the district has its Hive.</summary>
    public const int RolloutEnds = 2032;

    /// <summary>Planned for a year already over and not started: late.</summary>
    public static readonly Rule<Hive, int> LateIn = new((h, year) => h.Status == HiveStatus.Planned && h.PlannedYear != null && h.PlannedYear < year);

    /// <summary>The day each stage began, in order (the planned stage has no day, only its year).</summary>
    public static IReadOnlyList<(HiveStatus Stage, DateOnly On)> History(Hive hive)
    {
        ArgumentNullException.ThrowIfNull(hive);
        var list = new List<(HiveStatus, DateOnly)>();
        if (hive.CoCreationFrom is { } c) list.Add((HiveStatus.CoCreation, c));
        if (hive.OperatingFrom is { } o) list.Add((HiveStatus.Operating, o));
        if (hive.HandedOverOn is { } h) list.Add((HiveStatus.HandedOver, h));
        if (hive.IndependentFrom is { } i) list.Add((HiveStatus.OperatingIndependently, i));
        return list;
    }

    /// <summary>The stage that may come next, or null once the Hive runs on its own.</summary>
    public static HiveStatus? Next(HiveStatus current) => current == HiveStatus.OperatingIndependently ? null : current + 1;

    /// <summary>
    /// Moves the Hive to its next stage from a day: the day must not be in the future nor before the stage before it.
    /// The refusal's screen-text key, or null when done.
    /// </summary>
    public static string? Advance(Hive hive, HiveStatus stage, DateOnly on, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(hive);
        if (Next(hive.Status) != stage) return "Hives.NotNextStage";
        if (on > today) return "Validation.DateInFuture";
        if (History(hive) is { Count: > 0 } h && on < h[^1].On) return "Hives.BeforePrevious";
        switch (stage)
        {
            case HiveStatus.CoCreation: hive.CoCreationFrom = on; break;
            case HiveStatus.Operating: hive.OperatingFrom = on; break;
            case HiveStatus.HandedOver: hive.HandedOverOn = on; break;
            case HiveStatus.OperatingIndependently: hive.IndependentFrom = on; break;
            default: return "Hives.NotNextStage";
        }
        hive.Status = stage;
        return null;
    }

    /// <summary>Communes with a village of the scope, for lists of Hives filtered in SQL.</summary>
    public static Expression<Func<Hive, bool>> InScope(Scope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.ContainsCommune<Hive>(h => h.Commune!);
    }
}
