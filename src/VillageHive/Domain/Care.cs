namespace VillageHive.Domain;

/// <summary>Who a child lives with. The first four are the child's family (<see cref="CareRules.WithFamily"/>).</summary>
public enum CareType
{
    BothParents = 1,
    OneParent = 2,
    /// <summary>Kinship care by grandparents, often while the parents work away (in Thailand, in Phnom Penh).</summary>
    Grandparents = 3,
    /// <summary>Kinship care by an aunt, an uncle, an older sibling or another relative.</summary>
    OtherRelatives = 4,
    FosterFamily = 5,
    /// <summary>A residential care institution: a children's centre, an orphanage, a pagoda's boarding house.</summary>
    ResidentialCare = 6,
    /// <summary>A young person living on their own (a care leaver, a working youth).</summary>
    Independent = 7,
    Other = 8,
}

/// <summary>Why the child lives where they live.</summary>
public enum CareReason
{
    WithFamily = 0,
    ParentsMigrated = 1,
    ParentDied = 2,
    Poverty = 3,
    ViolenceOrNeglect = 4,
    ParentIllness = 5,
    ParentsSeparated = 6,
    Schooling = 7,
    Other = 8,
}

/// <summary>What the new arrangement means for the family: a separation from it, or a return to it from alternative care.</summary>
public enum CareEvent
{
    None = 0,
    /// <summary>The child left their family for foster or residential care.</summary>
    Separation = 1,
    /// <summary>The child came back to their family (parents or kin) from foster or residential care.</summary>
    Reintegration = 2,
}

/// <summary>
/// Where and with whom a child lives from a day on: one row each time it changes, kept as history. The current one is
/// the latest by start date (<see cref="CareRules.CurrentOn"/>). Where: the household in the registry, or a place.
/// </summary>
public sealed class CareArrangement
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public CareType Type { get; set; }
    /// <summary>The household of the registry the child lives in, if the child lives in one.</summary>
    public int? HouseholdId { get; set; }
    public Household? Household { get; set; }
    /// <summary>Where, when not a household of the registry: the institution's name, a village, a town.</summary>
    public string? Place { get; set; }
    public DateOnly StartedOn { get; set; }
    /// <summary>Set for an arrangement recorded afterwards that is known to have ended; otherwise the next one ends it.</summary>
    public DateOnly? EndedOn { get; set; }
    public CareReason Reason { get; set; }
    /// <summary>The reason in the worker's words ("parents went to work in Thailand").</summary>
    public string? ReasonNote { get; set; }
    public CareEvent Event { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>The rules about where children live, written once for pages, dashboards, the report and tests.</summary>
public static class CareRules
{
    /// <summary>Living with their family: parents, one parent, or kinship care (grandparents, other relatives).</summary>
    public static readonly Rule<CareArrangement> WithFamily = new(a =>
        a.Type == CareType.BothParents || a.Type == CareType.OneParent || a.Type == CareType.Grandparents || a.Type == CareType.OtherRelatives);

    /// <summary>In a residential care institution.</summary>
    public static readonly Rule<CareArrangement> InResidentialCare = new(a => a.Type == CareType.ResidentialCare);

    /// <summary>
    /// The child's arrangement on a day: started by then, not ended, and the latest by start date among those started by
    /// then (the same day: the one recorded last).
    /// </summary>
    public static readonly Rule<CareArrangement, DateOnly> CurrentOn = new((a, day) =>
        a.StartedOn <= day && (a.EndedOn == null || a.EndedOn > day)
        && !a.Person!.CareArrangements.Any(b => b.StartedOn <= day && (b.StartedOn > a.StartedOn || (b.StartedOn == a.StartedOn && b.Id > a.Id))));

    /// <summary>A reintegration into the family on a day of the period (a commune year, for "reintegrated this year").</summary>
    public static readonly Rule<CareArrangement, Period> ReintegratedDuring = new((a, p) =>
        a.Event == CareEvent.Reintegration && a.StartedOn >= p.From && a.StartedOn < p.To);

    public static bool IsFamily(CareType type) => WithFamily.Holds(new CareArrangement { Type = type, RecordedBy = "" });

    /// <summary>Foster or residential care: the alternative care a child is separated into and reintegrated from.</summary>
    public static bool IsAlternativeCare(CareType type) => type is CareType.FosterFamily or CareType.ResidentialCare;

    /// <summary>
    /// The event a new arrangement records: the one the worker chose, or, when they chose none, what the change from the
    /// previous arrangement is (family to alternative care: a separation; alternative care to family: a reintegration).
    /// </summary>
    public static CareEvent EventOf(CareType? previous, CareType next, CareEvent stated)
    {
        if (stated != CareEvent.None || previous is not { } before) return stated;
        if (IsFamily(before) && IsAlternativeCare(next)) return CareEvent.Separation;
        if (IsAlternativeCare(before) && IsFamily(next)) return CareEvent.Reintegration;
        return CareEvent.None;
    }

    /// <summary>
    /// What is wrong with a new arrangement, as (field, message key) pairs: dates in the future, before the child's birth
    /// or ending before they start; no place; an event that does not fit (a reintegration is into the family, from
    /// outside it; a separation is out of the family). <paramref name="previous"/> is the type of the arrangement before
    /// the new one's start, if any is recorded.
    /// </summary>
    public static IReadOnlyList<(string Field, string MessageKey)> Check(CareArrangement a, CareType? previous, DateOnly? dateOfBirth, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(a);
        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(a.Type)) errors.Add((nameof(a.Type), "Validation.Invalid"));
        if (!Enum.IsDefined(a.Reason)) errors.Add((nameof(a.Reason), "Validation.Invalid"));
        if (!Enum.IsDefined(a.Event)) errors.Add((nameof(a.Event), "Validation.Invalid"));
        if (a.StartedOn > today) errors.Add((nameof(a.StartedOn), "Validation.DateInFuture"));
        else if (dateOfBirth is { } dob && a.StartedOn < dob) errors.Add((nameof(a.StartedOn), "Care.BeforeBirth"));
        if (a.EndedOn is { } end)
        {
            if (end > today) errors.Add((nameof(a.EndedOn), "Validation.DateInFuture"));
            else if (end < a.StartedOn) errors.Add((nameof(a.EndedOn), "Care.EndBeforeStart"));
        }
        if (a.HouseholdId is null && string.IsNullOrWhiteSpace(a.Place)) errors.Add((nameof(a.Place), "Care.PlaceRequired"));
        if (a.Event == CareEvent.Reintegration)
        {
            if (!IsFamily(a.Type)) errors.Add((nameof(a.Event), "Care.ReintegrationNotToFamily"));
            else if (previous is { } before && IsFamily(before)) errors.Add((nameof(a.Event), "Care.ReintegrationAlreadyHome"));
        }
        if (a.Event == CareEvent.Separation && Enum.IsDefined(a.Type) && IsFamily(a.Type))
            errors.Add((nameof(a.Event), "Care.SeparationToFamily"));
        return errors;
    }
}
