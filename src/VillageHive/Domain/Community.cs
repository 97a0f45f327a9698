namespace VillageHive.Domain;

public enum ActivityType
{
    Workshop = 0,
    SupportGroup = 1,
    Club = 2,
}

/// <summary>Age group of guests counted at a session without a registry record.</summary>
public enum AgeGroup
{
    Child = 0,
    Youth = 1,
    Adult = 2,
}

/// <summary>Community education run by the Community Network: a workshop series, a support group or a club.</summary>
public sealed class Activity
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public ActivityType Type { get; set; }
    public string Title { get; set; } = "";
    /// <summary>What it is about: parenting skills, home safety, alcohol support...</summary>
    public string Topic { get; set; } = "";
    /// <summary>Who runs it: a worker's or community member's user name, or a name.</summary>
    public string Facilitator { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<ActivityVillage> Villages { get; set; } = [];
    public List<ActivitySession> Sessions { get; set; } = [];
}

/// <summary>A village an activity serves; lists filter activities by these.</summary>
public sealed class ActivityVillage
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
}

public sealed class ActivitySession
{
    public int Id { get; set; }
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>The village the session is held in (the calendar is per village).</summary>
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    public string? Place { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; }
    public List<SessionAttendance> Attendance { get; set; } = [];
}

/// <summary>One registry person at a session, or a count of guests of one sex and age group (PersonId null).</summary>
public sealed class SessionAttendance
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public ActivitySession? Session { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public Sex? GuestSex { get; set; }
    public AgeGroup? GuestAgeGroup { get; set; }
    public int GuestCount { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    /// <summary>The device's clock when the list was taken offline; null when taken online.</summary>
    public DateTime? DeviceRecordedAt { get; set; }
}

/// <summary>A commune programme such as the after-school community centre, with enrolment and daily attendance.</summary>
public sealed class Programme
{
    public const int DefaultAbsenceThreshold = 2;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    /// <summary>Set when the programme belongs to one village; otherwise it is the commune's.</summary>
    public int? VillageId { get; set; }
    public Village? Village { get; set; }
    public string? Place { get; set; }
    public string Eligibility { get; set; } = "";
    public int Capacity { get; set; }
    /// <summary>User name of the worker who follows up absences.</summary>
    public string ProjectOfficer { get; set; } = "";
    /// <summary>School days absent in a row that open a follow-up.</summary>
    public int AbsenceThreshold { get; set; } = DefaultAbsenceThreshold;
    /// <summary>Days the programme does not run (public holidays, school breaks): not counted as absences.</summary>
    public List<DateOnly> Holidays { get; set; } = [];
    /// <summary>Oldest age a child may be at the start of a year to be carried over to it; null: under 18.</summary>
    public int? MaxAge { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<Enrolment> Enrolments { get; set; } = [];
    public List<ProgrammeYear> Years { get; set; } = [];
}

/// <summary>
/// One year of a programme (a school year: in the demo September to July) with its own dates and its own enrolment.
/// Years of one programme do not overlap; a programme without years enrols as before, with no end.
/// </summary>
public sealed class ProgrammeYear
{
    /// <summary>Longest year accepted, in days.</summary>
    public const int MaxDays = 400;

    /// <summary>Oldest age at the start of a year when the programme names none (the programme is for children).</summary>
    public const int ChildMaxAge = 17;

    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>The year's last day.</summary>
    public DateOnly EndDate { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public bool Contains(DateOnly day) => StartDate <= day && day <= EndDate;

    /// <summary>"2023–2024": the calendar years it spans.</summary>
    public string Label => StartDate.Year == EndDate.Year ? $"{StartDate.Year}" : $"{StartDate.Year}–{EndDate.Year}";
}

/// <summary>Which year of a programme a day belongs to, and which children of a year come over to the next.</summary>
public static class ProgrammeYearRules
{
    /// <summary>
    /// The year a page shows by default: the one today falls in; between years, the one that comes next; after the
    /// last, the last. Null for a programme without years. <paramref name="years"/> in order of start.
    /// </summary>
    public static ProgrammeYear? Current(IReadOnlyList<ProgrammeYear> years, DateOnly today) =>
        years.FirstOrDefault(y => y.Contains(today)) ?? years.FirstOrDefault(y => y.StartDate > today) ?? (years.Count > 0 ? years[^1] : null);

    /// <summary>The year after <paramref name="year"/>, if one has been set up.</summary>
    public static ProgrammeYear? Next(IReadOnlyList<ProgrammeYear> years, ProgrammeYear year) =>
        years.Where(y => y.StartDate > year.EndDate).OrderBy(y => y.StartDate).FirstOrDefault();

    /// <summary>True when the dates overlap a year of the programme already set up.</summary>
    public static bool Overlaps(IEnumerable<ProgrammeYear> years, DateOnly start, DateOnly end) =>
        years.Any(y => y.StartDate <= end && start <= y.EndDate);

    /// <summary>
    /// Why a child of a year does not come over to the next: left during the year (exited), too old at the next
    /// year's start, or already enrolled in it; null when the child comes over.
    /// </summary>
    public static CarryOverRefusal? WhyNot(Enrolment enrolment, int? age, int? maxAge, bool inNextYear)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        if (inNextYear) return CarryOverRefusal.AlreadyEnrolled;
        if (enrolment.ExitDate is not null) return CarryOverRefusal.Left;
        if (age > (maxAge ?? ProgrammeYear.ChildMaxAge)) return CarryOverRefusal.AgedOut;
        return null;
    }
}

public enum CarryOverRefusal
{
    Left = 0,
    AgedOut = 1,
    AlreadyEnrolled = 2,
}

public sealed class Enrolment
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? ExitDate { get; set; }
    public string? ExitReason { get; set; }
    /// <summary>The case the child was enrolled from, if any.</summary>
    public int? CaseId { get; set; }
    /// <summary>Why the child was enrolled although the programme was full.</summary>
    public string? OverCapacityReason { get; set; }
    public string EnrolledBy { get; set; } = "";
    public DateTime EnrolledAt { get; set; }
    /// <summary>The programme year the enrolment belongs to; null for a programme without years.</summary>
    public int? ProgrammeYearId { get; set; }
    public ProgrammeYear? ProgrammeYear { get; set; }
    /// <summary>
    /// The last day of that year, kept on the row (set with the year, never changed) so that the rules below read
    /// "enrolled on a day" from the enrolment alone: the enrolment ends with its year without an exit.
    /// </summary>
    public DateOnly? YearEnd { get; set; }
    public int Version { get; set; }

    public bool IsActiveOn(DateOnly day) => EnrolmentRules.ActiveOn.Holds(this, day);
}

/// <summary>When an enrolment counts, written once for the register, the roster, capacity, the phone's rosters and the dashboard.</summary>
public static class EnrolmentRules
{
    /// <summary>
    /// Not exited by that day, and its programme year not over: the child holds a place (counted against capacity),
    /// even if starting later.
    /// </summary>
    public static readonly Rule<Enrolment, DateOnly> HoldsPlaceOn = new((e, day) => (e.ExitDate == null || e.ExitDate > day) && (e.YearEnd == null || e.YearEnd >= day));

    /// <summary>On the register that day: started, and not exited.</summary>
    public static readonly Rule<Enrolment, DateOnly> ActiveOn = HoldsPlaceOn.And((e, day) => e.StartDate <= day);

    /// <summary>Active on some day of a period (the end excluded), as <see cref="ActiveOn"/> counts a day: counted in that period's figures.</summary>
    public static readonly Rule<Enrolment, Period> ActiveDuring = new((e, p) => e.StartDate < p.To && (e.ExitDate == null || e.ExitDate > p.From)
        && (e.YearEnd == null || e.YearEnd >= p.From));
}

/// <summary>Days from <see cref="From"/> up to, not including, <see cref="To"/>.</summary>
public readonly record struct Period(DateOnly From, DateOnly To);

public enum AttendanceStatus
{
    Present = 0,
    Absent = 1,
    Excused = 2,
}

/// <summary>
/// One child's current mark for one day: the later-captured of all marks of the day (every mark is kept in
/// <see cref="ProgrammeAttendanceMark"/>). RecordedAt is when the server received it.
/// </summary>
public sealed class ProgrammeAttendance
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public int PersonId { get; set; }
    public DateOnly Date { get; set; }
    public AttendanceStatus Status { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    /// <summary>The device's own clock when the mark was taken offline; null for a mark made online.</summary>
    public DateTime? DeviceRecordedAt { get; set; }
    /// <summary>When the mark was taken, on the server's clock (device time corrected for skew); null on marks from before offline capture, read as RecordedAt.</summary>
    public DateTime? CapturedAt { get; set; }
}

/// <summary>Every mark ever given for a child and day, from any device, in the order the server received them.</summary>
public sealed class ProgrammeAttendanceMark
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public DateOnly Date { get; set; }
    public AttendanceStatus Status { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public DateTime? DeviceRecordedAt { get; set; }
    public DateTime CapturedAt { get; set; }
    /// <summary>The sync record (or form post) that brought the mark.</summary>
    public Guid? ClientId { get; set; }
    /// <summary>False when a later-captured mark of the same day was already current.</summary>
    public bool BecameCurrent { get; set; }
}

public enum FollowUpStatus
{
    Open = 0,
    Closed = 1,
}

public enum AbsenceReason
{
    Illness = 0,
    Working = 1,
    FamilyMoved = 2,
    Migration = 3,
    ConflictAtHome = 4,
    Other = 5,
}

public enum FollowUpOutcome
{
    BackInProgramme = 0,
    ReferredToSocialWorker = 1,
    Exited = 2,
}

/// <summary>The project officer's task for a run of absences: what was found, what was done, how it ended.</summary>
public sealed class AbsenceFollowUp
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    /// <summary>First absent day of the run; one follow-up per run.</summary>
    public DateOnly FromDate { get; set; }
    /// <summary>School days absent in the run so far.</summary>
    public int Days { get; set; }
    public FollowUpStatus Status { get; set; }
    public AbsenceReason? Reason { get; set; }
    public string? ActionTaken { get; set; }
    public FollowUpOutcome? Outcome { get; set; }
    public int? ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// When an absence follow-up is due: the project officer has <see cref="DaysToFollowUp"/> days from the child's first
/// absent day of the run to find out why (a follow-up has no due date of its own; the rule gives it one).
/// </summary>
public static class FollowUpRules
{
    public const int DaysToFollowUp = 7;

    public static readonly Rule<AbsenceFollowUp> Open = new(f => f.Status == FollowUpStatus.Open);

    /// <summary>Open and due before the day given: overdue when the day is today.</summary>
    public static readonly Rule<AbsenceFollowUp, DateOnly> DueBefore = Open.And<DateOnly>((f, day) => f.FromDate < day.AddDays(-DaysToFollowUp));

    public static DateOnly DueOn(DateOnly fromDate) => fromDate.AddDays(DaysToFollowUp);
}

public enum SchoolSubject
{
    Khmer = 0,
    Maths = 1,
    Science = 2,
    English = 3,
    Other = 4,
}

public enum SupportKind
{
    HomeworkHelp = 0,
    ExtraLessons = 1,
    Materials = 2,
    Other = 3,
}

/// <summary>A note that a programme child is falling behind in a subject, and the support given.</summary>
public sealed class LearningSupport
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public SchoolSubject Subject { get; set; }
    public string? Note { get; set; }
    public SupportKind SupportGiven { get; set; }
    public DateOnly Date { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// When absences call for a follow-up. Counted on school days only: weekends and the programme's holidays are
/// skipped. Present ends a run; excused neither counts nor ends it (a sick note between two absences still leaves
/// two absences in a row); a day with no mark ends it, since nothing is known about that day.
/// </summary>
public static class AbsenceRule
{
    /// <summary>How far back a run is followed, in school days.</summary>
    public const int Lookback = 60;

    public static bool IsSchoolDay(DateOnly day, IReadOnlyCollection<DateOnly> holidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    public static DateOnly PreviousSchoolDay(DateOnly day, IReadOnlyCollection<DateOnly> holidays)
    {
        var d = day.AddDays(-1);
        while (!IsSchoolDay(d, holidays)) d = d.AddDays(-1);
        return d;
    }

    /// <summary>The run of absences that ends on <paramref name="day"/>: its first day and length (0 when not absent that day).</summary>
    public static (DateOnly From, int Days) RunEndingOn(DateOnly day, IReadOnlyDictionary<DateOnly, AttendanceStatus> marks, IReadOnlyCollection<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(holidays);
        if (!marks.TryGetValue(day, out var last) || last != AttendanceStatus.Absent) return (day, 0);
        var from = day;
        var days = 0;
        var d = day;
        for (var i = 0; i < Lookback; i++, d = PreviousSchoolDay(d, holidays))
        {
            if (!IsSchoolDay(d, holidays)) continue;
            if (!marks.TryGetValue(d, out var status) || status == AttendanceStatus.Present) break;
            if (status == AttendanceStatus.Excused) continue;
            from = d;
            days++;
        }
        return (from, days);
    }

    /// <summary>The run that needs a follow-up, or null when the child has not been absent long enough.</summary>
    public static (DateOnly From, int Days)? FollowUpNeeded(DateOnly day, IReadOnlyDictionary<DateOnly, AttendanceStatus> marks, IReadOnlyCollection<DateOnly> holidays, int threshold)
    {
        var run = RunEndingOn(day, marks, holidays);
        return run.Days >= Math.Max(1, threshold) ? run : null;
    }
}
