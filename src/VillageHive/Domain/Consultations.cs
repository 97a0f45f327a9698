using System.Linq.Expressions;

namespace VillageHive.Domain;

/// <summary>Who takes part in a village consultation; counted per group, never named.</summary>
public enum ParticipantGroup
{
    VillageChief = 0,
    Teachers = 1,
    Monks = 2,
    Parents = 3,
    Children = 4,
    Elders = 5,
}

/// <summary>The Signs of Safety three columns a consultation (and its script) is captured in.</summary>
public enum ConsultationColumn
{
    WorkingWell = 0,
    NotWorkingWell = 1,
    NeedsToHappen = 2,
}

public enum QuestionKind
{
    Scripted = 0,
    Amplifying = 1,
}

public enum ConsultationStatus
{
    Planned = 0,
    Held = 1,
}

/// <summary>
/// The danger and strength themes heard in consultations and focus groups (a fixed list; screens show their names
/// in Khmer or English). Stored as flags: an entry may carry several.
/// </summary>
[Flags]
public enum Themes
{
    None = 0,
    // Dangers.
    MigrationLeavingChildren = 1 << 0,
    Alcohol = 1 << 1,
    Violence = 1 << 2,
    SchoolDropOut = 1 << 3,
    NoBirthCertificate = 1 << 4,
    Poverty = 1 << 5,
    ChildLabour = 1 << 6,
    Debt = 1 << 7,
    UnsafeHousing = 1 << 8,
    // Strengths.
    MonksSupport = 1 << 16,
    GrandparentsCare = 1 << 17,
    VillageChiefActive = 1 << 18,
    SchoolAndTeachers = 1 << 19,
    HealthCentre = 1 << 20,
    NeighboursHelp = 1 << 21,
    SavingsGroups = 1 << 22,
}

public static class ThemeList
{
    private const int StrengthBits = 1 << 16;

    /// <summary>Every single theme, dangers first.</summary>
    public static readonly IReadOnlyList<Themes> All = Enum.GetValues<Themes>().Where(t => t != Themes.None).ToList();

    public static bool IsStrength(Themes theme) => (int)theme >= StrengthBits;

    public static IEnumerable<Themes> Split(Themes themes) => All.Where(t => themes.HasFlag(t));

    /// <summary>Only known themes (a hostile form value with other bits is refused).</summary>
    public static bool IsValid(Themes themes) => (themes & ~All.Aggregate(Themes.None, (a, t) => a | t)) == 0;

    /// <summary>How often each theme was heard in the given entries, most heard first.</summary>
    public static IReadOnlyList<(Themes Theme, int Count)> RollUp(IEnumerable<Themes> entries) =>
        entries.SelectMany(Split).GroupBy(t => t).Select(g => (g.Key, g.Count()))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Key).ToList();
}

/// <summary>A question script for consultations; its questions live in versions, so a used version never changes.</summary>
public sealed class ConsultationScript
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public List<ScriptVersion> Versions { get; set; } = [];
}

/// <summary>One version of a script (1, 2, ...): made once, never edited; a change is a new version.</summary>
public sealed class ScriptVersion
{
    public int Id { get; set; }
    public int ScriptId { get; set; }
    public ConsultationScript? Script { get; set; }
    public int Number { get; set; }
    /// <summary>What changed from the version before, and why (often a consultation's debrief).</summary>
    public string? Changes { get; set; }
    /// <summary>The consultation whose debrief started this version, when one did.</summary>
    public int? FromConsultationId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<ScriptQuestion> Questions { get; set; } = [];
}

public sealed class ScriptQuestion
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public int Order { get; set; }
    public ConsultationColumn Column { get; set; }
    public QuestionKind Kind { get; set; }
    public string TextKm { get; set; } = "";
    public string TextEn { get; set; } = "";
}

/// <summary>
/// A Signs of Safety consultation of one village: planned (date, facilitators, participant groups, script version,
/// pre-brief), held (entries in the three columns), debriefed (what to change in the next script).
/// </summary>
public sealed class Consultation
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    public DateOnly PlannedOn { get; set; }
    public DateOnly? HeldOn { get; set; }
    public ConsultationStatus Status { get; set; }
    /// <summary>The script version used: kept when a newer version appears.</summary>
    public int ScriptVersionId { get; set; }
    public ScriptVersion? ScriptVersion { get; set; }
    /// <summary>The facilitating workers' user names, comma-separated (older plans may hold typed names).</summary>
    public string Facilitators { get; set; } = "";
    public string? PreBrief { get; set; }
    public string? Debrief { get; set; }
    /// <summary>What to change in the next script, from the debrief.</summary>
    public string? NextScriptChanges { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<ConsultationParticipants> Participants { get; set; } = [];
    public List<ConsultationEntry> Entries { get; set; } = [];
}

public sealed class ConsultationParticipants
{
    public int ConsultationId { get; set; }
    public ParticipantGroup Group { get; set; }
    public int Count { get; set; }
}

/// <summary>One thing heard, in one of the three columns, with its themes and (for "what needs to happen") the kind of service needed.</summary>
public sealed class ConsultationEntry
{
    public int Id { get; set; }
    public int ConsultationId { get; set; }
    public Consultation? Consultation { get; set; }
    public ConsultationColumn Column { get; set; }
    public string Text { get; set; } = "";
    public Themes Themes { get; set; }
    public ServiceCategory? ServiceNeeded { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

public static class ConsultationRules
{
    public const int MaxParticipantsPerGroup = 500;

    /// <summary>
    /// A need heard in a consultation: a "what needs to happen" entry naming a kind of service, in a consultation
    /// that was held. The gap analysis counts it for the consultation's village (uncovered: a gap).
    /// </summary>
    public static readonly Expression<Func<ConsultationEntry, bool>> HeardNeed = e =>
        e.Column == ConsultationColumn.NeedsToHappen && e.ServiceNeeded != null && e.Consultation!.Status == ConsultationStatus.Held;

    /// <summary>Only "what needs to happen" names a service.</summary>
    public static bool MayNameService(ConsultationColumn column) => column == ConsultationColumn.NeedsToHappen;

    /// <summary>A message key when the consultation may not be marked held on that day, else null.</summary>
    public static string? HeldRefusal(Consultation c, DateOnly heldOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (heldOn > today) return "Validation.DateInFuture";
        if (heldOn < new DateOnly(2000, 1, 1)) return "Validation.DateTooOld";
        return null;
    }

    /// <summary>
    /// A message key when the plan (date, village, facilitators, participants, script version, pre-brief) may no longer
    /// change, else null: once held, the plan is what happened.
    /// </summary>
    public static string? PlanEditRefusal(ConsultationStatus status) => status == ConsultationStatus.Held ? "Consultation.PlanLocked" : null;

    /// <summary>
    /// The chosen facilitators that may not facilitate: anyone not among the active workers of the consultation's commune,
    /// except a name the plan already held (older plans kept typed names; they stay until someone removes them).
    /// </summary>
    public static IReadOnlyList<string> FacilitatorsRefused(IEnumerable<string> chosen, IReadOnlyCollection<string> communeWorkers, IReadOnlyCollection<string> alreadyOnPlan) =>
        chosen.Where(n => !communeWorkers.Contains(n) && !alreadyOnPlan.Contains(n)).Distinct().ToList();

    /// <summary>The questions of the next version: the given ones in their order, renumbered.</summary>
    public static ScriptVersion NextVersion(ScriptVersion from, int number, IEnumerable<ScriptQuestion> questions, string? changes, string by, DateTime at, int? fromConsultation)
    {
        ArgumentNullException.ThrowIfNull(from);
        var order = 0;
        return new ScriptVersion
        {
            ScriptId = from.ScriptId, Number = number, Changes = changes, CreatedBy = by, CreatedAt = at, FromConsultationId = fromConsultation,
            Questions = questions.OrderBy(q => q.Column).ThenBy(q => q.Order)
                .Select(q => new ScriptQuestion { Order = ++order, Column = q.Column, Kind = q.Kind, TextKm = q.TextKm, TextEn = q.TextEn }).ToList(),
        };
    }
}

/// <summary>Where a focus group or case study was held: a commune, and a village when it was one village's.</summary>
public sealed class FocusGroup
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public int? VillageId { get; set; }
    public Village? Village { get; set; }
    public DateOnly HeldOn { get; set; }
    public string Title { get; set; } = "";
    public string Facilitator { get; set; } = "";
    public string? Questions { get; set; }
    public string? Notes { get; set; }
    /// <summary>Quotes, one a line, as said (no names unless the speaker consented).</summary>
    public string? Quotes { get; set; }
    public Themes Themes { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<FocusGroupParticipants> Participants { get; set; } = [];
}

public sealed class FocusGroupParticipants
{
    public int FocusGroupId { get; set; }
    public ParticipantGroup Group { get; set; }
    public Sex Sex { get; set; }
    public int Count { get; set; }
}

/// <summary>What the person (or household) agreed a case study may be used for.</summary>
public enum CaseStudyUse
{
    Internal = 0,
    AnonymisedPublication = 1,
    NamedPublication = 2,
    Withdrawn = 3,
}

/// <summary>An impact case study of a household (or one of its people), told with consent, in Khmer and English.</summary>
public sealed class CaseStudy
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public string TitleKm { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string TextKm { get; set; } = "";
    public string TextEn { get; set; } = "";
    public string ConsentGivenBy { get; set; } = "";
    public DateOnly ConsentOn { get; set; }
    public CaseStudyUse Use { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public static class CaseStudyRules
{
    /// <summary>May leave the writers' hands (research readers, exports, reports): any use but withdrawn.</summary>
    public static readonly Expression<Func<CaseStudy, bool>> Shareable = s => s.Use != CaseStudyUse.Withdrawn;

    /// <summary>Who it is about may be named outside the team only with consent to a named publication.</summary>
    public static bool MayName(CaseStudyUse use) => use == CaseStudyUse.NamedPublication;
}
