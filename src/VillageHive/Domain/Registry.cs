namespace VillageHive.Domain;

public enum IdPoorStatus
{
    NotAssessed = 0,
    NotPoor = 1,
    Level1 = 2,
    Level2 = 3,
}

public enum Sex
{
    Female = 1,
    Male = 2,
}

public enum BirthRegistration
{
    Unknown = 0,
    Registered = 1,
    NotRegistered = 2,
}

public enum SchoolStatus
{
    NotSchoolAge = 0,
    Attending = 1,
    AttendingIrregularly = 2,
    DroppedOut = 3,
    NeverEnrolled = 4,
    Completed = 5,
    /// <summary>Not asked or not known yet (a referral whose referrer did not say); never assumed from nothing.</summary>
    Unknown = 6,
}

public static class SchoolAge
{
    /// <summary>Cambodian children start primary school at six.</summary>
    public const int From = 6;

    /// <summary>
    /// A referred child's school status: what the referrer said; otherwise "not of school age" only when the age says
    /// so, and "not known" for a child of school age or of unknown age (issue 19: never assumed).
    /// </summary>
    public static SchoolStatus Referred(SchoolStatus? said, int? ageYears) =>
        said is { } s && Enum.IsDefined(s) ? s : ageYears < From ? SchoolStatus.NotSchoolAge : SchoolStatus.Unknown;
}

public enum RelationToHead
{
    Head = 0,
    Spouse = 1,
    Child = 2,
    Grandchild = 3,
    Parent = 4,
    Sibling = 5,
    OtherRelative = 6,
    NotRelated = 7,
}

public sealed class Household : IChangeStamped
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    /// <summary>Address or landmark a visitor can find ("behind the pagoda, blue gate").</summary>
    public string? Address { get; set; }
    public IdPoorStatus IdPoor { get; set; }
    public string? Phone { get; set; }
    /// <summary>The IDPoor equity card's number, as printed.</summary>
    public string? IdPoorCard { get; set; }
    /// <summary>The household's id in a file it was imported from (a commune's sheet, an IDPoor list): a re-import finds it.</summary>
    public string? ExternalId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    /// <summary>When the row last changed (<see cref="IChangeStamped"/>).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when this record was merged into another (a duplicate); merged households are hidden, not deleted.</summary>
    public int? MergedIntoHouseholdId { get; set; }
    public List<Person> Members { get; set; } = [];

    /// <summary>
    /// The head's names ("family given"), kept by database triggers on Persons (Data/DerivedSchema.cs) so that a list of
    /// every household in a district sorts by an index instead of looking up 20,000 heads. The app never writes them.
    /// </summary>
    public string HeadNameKm { get; set; } = "";
    public string? HeadNameLatin { get; set; }

    /// <summary>
    /// The head's name as a screen shows it, from <see cref="HeadNameKm"/> or <see cref="HeadNameLatin"/>: null when the
    /// household has no head yet (one made from a referral), so that the page shows its "–".
    /// </summary>
    public static string? Shown(string? headName) => string.IsNullOrWhiteSpace(headName) ? null : headName;
}

public sealed class Person : IChangeStamped
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    public string FamilyNameKm { get; private set; } = "";
    public string GivenNameKm { get; private set; } = "";
    public string? FamilyNameLatin { get; private set; }
    public string? GivenNameLatin { get; private set; }
    /// <summary>All names, normalised, and their sound keys in one column so that a name search is one LIKE (<see cref="NameSearch.SearchText"/>).</summary>
    public string SearchName { get; private set; } = "";
    public Sex Sex { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>Used when the date of birth is not known: the year implied by the age the family gave.</summary>
    public int? EstimatedBirthYear { get; set; }
    public BirthRegistration BirthRegistration { get; set; }
    public bool HasDisability { get; set; }
    public string? DisabilityNote { get; set; }
    public SchoolStatus SchoolStatus { get; set; }
    public RelationToHead RelationToHead { get; set; }
    /// <summary>The person's id in a file they were imported from: a re-import finds them.</summary>
    public string? ExternalId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    /// <summary>When the row last changed (<see cref="IChangeStamped"/>).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>Set when this record was merged into another (a duplicate); merged records are hidden, not deleted.</summary>
    public int? MergedIntoPersonId { get; set; }
    public List<PersonMove> Moves { get; set; } = [];
    /// <summary>Where and with whom the person lived as a child, over time (<see cref="CareArrangement"/>).</summary>
    public List<CareArrangement> CareArrangements { get; set; } = [];

    public string DisplayNameKm => $"{FamilyNameKm} {GivenNameKm}";
    public string? DisplayNameLatin => FamilyNameLatin is null && GivenNameLatin is null
        ? null
        : $"{FamilyNameLatin} {GivenNameLatin}".Trim();

    public void SetNames(string familyKm, string givenKm, string? familyLatin, string? givenLatin)
    {
        FamilyNameKm = familyKm.Trim();
        GivenNameKm = givenKm.Trim();
        FamilyNameLatin = TypedText.OrNull(familyLatin);
        GivenNameLatin = TypedText.OrNull(givenLatin);
        SearchName = NameSearch.SearchText(FamilyNameKm, GivenNameKm, FamilyNameLatin, GivenNameLatin);
    }

    public int? AgeOn(DateOnly day) => Age(DateOfBirth, EstimatedBirthYear, day);

    /// <summary>Age in whole years from the date of birth, or else from the year estimated from the age the family gave.</summary>
    public static int? Age(DateOnly? dateOfBirth, int? estimatedBirthYear, DateOnly day)
    {
        if (dateOfBirth is { } dob)
        {
            var age = day.Year - dob.Year;
            if (dob > day.AddYears(-age)) age--;
            return age;
        }
        return estimatedBirthYear is { } year ? day.Year - year : null;
    }

    /// <summary>
    /// Moves the person to another household and returns the history record of the move.
    /// A person belongs to one household at a time; where they lived before is kept, not overwritten.
    /// </summary>
    public PersonMove MoveTo(Household target, DateOnly movedOn, RelationToHead newRelation, string? reason, string recordedBy, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        if (target.Id == HouseholdId)
            throw new DomainException("Move.SameHousehold");
        if (DateOfBirth is { } dob && movedOn < dob)
            throw new DomainException("Move.BeforeBirth");
        if (movedOn > clock.Today)
            throw new DomainException("Move.InFuture");
        var move = new PersonMove
        {
            PersonId = Id,
            FromHouseholdId = HouseholdId,
            ToHouseholdId = target.Id,
            MovedOn = movedOn,
            Reason = TypedText.OrNull(reason),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
            PreviousRelation = RelationToHead,
        };
        HouseholdId = target.Id;
        Household = target;
        RelationToHead = newRelation;
        Moves.Add(move);
        return move;
    }

    /// <summary>Names of the fields that break a rule (keys for messages), given today's date.</summary>
    public IReadOnlyList<(string Field, string MessageKey)> Validate(DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(FamilyNameKm)) errors.Add((nameof(FamilyNameKm), "Validation.Required"));
        if (string.IsNullOrWhiteSpace(GivenNameKm)) errors.Add((nameof(GivenNameKm), "Validation.Required"));
        if (DateOfBirth is { } dob)
        {
            if (dob > today) errors.Add((nameof(DateOfBirth), "Validation.DateInFuture"));
            else if (dob < today.AddYears(-120)) errors.Add((nameof(DateOfBirth), "Validation.DateTooOld"));
        }
        if (EstimatedBirthYear is { } y && (y > today.Year || y < today.Year - 120))
            errors.Add((nameof(EstimatedBirthYear), "Validation.AgeRange"));
        return errors;
    }

}

/// <summary>A person's move from one household to another, kept as history.</summary>
public sealed class PersonMove
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int FromHouseholdId { get; set; }
    public Household? FromHousehold { get; set; }
    public int ToHouseholdId { get; set; }
    public Household? ToHousehold { get; set; }
    public DateOnly MovedOn { get; set; }
    public RelationToHead PreviousRelation { get; set; }
    public string? Reason { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>A broken domain rule; the message is a resource key so that the screen shows it in the user's language.</summary>
public sealed class DomainException(string messageKey) : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
}
