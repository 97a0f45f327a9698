namespace VillageHive.Domain;

/// <summary>A place name in Khmer script and in Latin transliteration.</summary>
public interface INamedPlace
{
    string NameKm { get; }
    string NameEn { get; }
}

public sealed class Province : INamedPlace
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameKm { get; set; }
    public required string NameEn { get; set; }
    public List<District> Districts { get; set; } = [];
}

public sealed class District : INamedPlace
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public Province? Province { get; set; }
    public required string Code { get; set; }
    public required string NameKm { get; set; }
    public required string NameEn { get; set; }
    public List<Commune> Communes { get; set; } = [];
}

public sealed class Commune : INamedPlace
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public District? District { get; set; }
    public required string Code { get; set; }
    public required string NameKm { get; set; }
    public required string NameEn { get; set; }
    public List<Village> Villages { get; set; } = [];
    public Hive? Hive { get; set; }
    public int Version { get; set; }
}

public sealed class Village : INamedPlace
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public required string Code { get; set; }
    public required string NameKm { get; set; }
    public required string NameEn { get; set; }
    public int Version { get; set; }
}

public enum HiveStatus
{
    Planned = 0,
    CoCreation = 1,
    Operating = 2,
    HandedOver = 3,
    /// <summary>The council runs its Hive without the organisation's support.</summary>
    OperatingIndependently = 4,
}

/// <summary>A commune's Village Hive: its stage from plan to handover to the commune council.</summary>
public sealed class Hive
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public HiveStatus Status { get; set; }
    public int? PlannedYear { get; set; }
    public DateOnly? CoCreationFrom { get; set; }
    public DateOnly? OperatingFrom { get; set; }
    public DateOnly? HandedOverOn { get; set; }
    /// <summary>From when the council runs the Hive without support (the last stage).</summary>
    public DateOnly? IndependentFrom { get; set; }
    /// <summary>The most open cases one worker should lead, as the commune sets it; null until set.</summary>
    public int? CaseloadCeiling { get; set; }
    public int Version { get; set; }

    /// <summary>The dates must follow the stages in order and the status must have the date it implies.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Status >= HiveStatus.CoCreation && CoCreationFrom is null && OperatingFrom is null)
            errors.Add(nameof(CoCreationFrom));
        if (Status >= HiveStatus.Operating && OperatingFrom is null)
            errors.Add(nameof(OperatingFrom));
        if (Status >= HiveStatus.HandedOver && HandedOverOn is null)
            errors.Add(nameof(HandedOverOn));
        if (Status == HiveStatus.OperatingIndependently && IndependentFrom is null)
            errors.Add(nameof(IndependentFrom));
        if (HandedOverOn is { } ho && IndependentFrom is { } ind && ind < ho)
            errors.Add(nameof(IndependentFrom));
        if (CoCreationFrom is { } c && OperatingFrom is { } o && o < c)
            errors.Add(nameof(OperatingFrom));
        if (CoCreationFrom is { } c2 && HandedOverOn is { } h && h < c2)
            errors.Add(nameof(HandedOverOn));
        if (PlannedYear is < 2000 or > 2100)
            errors.Add(nameof(PlannedYear));
        return errors.Distinct().ToList();
    }
}

/// <summary>
/// The installation's own choices made at first run, one row: the Hive's time zone (an IANA id such as
/// Asia/Phnom_Penh). Null until chosen; the setting <c>Hive:TimeZone</c> applies until then.
/// </summary>
public sealed class Installation
{
    public const int MaxZoneId = 64;

    public int Id { get; set; }
    public string? TimeZoneId { get; set; }
    /// <summary>The largest file that may be attached (issue 23), set by an administrator; null: <see cref="AttachmentRules.DefaultMaxBytes"/>.</summary>
    public int? AttachmentMaxBytes { get; set; }
    public int Version { get; set; }
}
