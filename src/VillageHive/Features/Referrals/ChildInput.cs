using System.ComponentModel.DataAnnotations;
using VillageHive.Domain;

namespace VillageHive.Features.Referrals;

/// <summary>A child of a referral, new or linked to a registry record.</summary>
public sealed class ChildInput
{
    /// <summary>"new" to confirm a new person, or the id of the existing person this child is.</summary>
    public string? Match { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.FamilyNameKm")]
    public string? FamilyNameKm { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.GivenNameKm")]
    public string? GivenNameKm { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.FamilyNameLatin")]
    public string? FamilyNameLatin { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.GivenNameLatin")]
    public string? GivenNameLatin { get; set; }

    [Display(Name = "Field.Sex")]
    public Sex? Sex { get; set; }

    [Range(0, 17, ErrorMessage = "Validation.ChildAge"), Display(Name = "Field.AgeYears")]
    public int? AgeYears { get; set; }

    /// <summary>Asked, not assumed (issue 19): left empty, a child of school age is "not known".</summary>
    [Display(Name = "Field.SchoolStatus")]
    public SchoolStatus? SchoolStatus { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(FamilyNameKm) && string.IsNullOrWhiteSpace(GivenNameKm)
        && string.IsNullOrWhiteSpace(FamilyNameLatin) && string.IsNullOrWhiteSpace(GivenNameLatin);

    public int? ExistingPersonId => int.TryParse(Match, out var id) ? id : null;
}
