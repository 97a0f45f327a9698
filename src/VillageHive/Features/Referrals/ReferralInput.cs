using System.ComponentModel.DataAnnotations;
using VillageHive.Domain;

namespace VillageHive.Features.Referrals;

/// <summary>A referral as the form and a phone capture it.</summary>
public sealed class ReferralInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Village")]
    public int? VillageId { get; set; }

    /// <summary>An existing household chosen by phone; otherwise the household of a linked child, or a new one.</summary>
    public int? HouseholdId { get; set; }

    [StringLength(300, ErrorMessage = "Validation.TooLong"), Display(Name = "Field.Address")]
    public string? Address { get; set; }

    [StringLength(20, ErrorMessage = "Validation.TooLong"), RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    public List<ChildInput> Children { get; set; } = [new()];

    [Display(Name = "Referral.Channel")]
    public ReferralChannel Channel { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Referral.ReferrerName")]
    public string? ReferrerName { get; set; }

    [StringLength(20, ErrorMessage = "Validation.TooLong"), RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Referral.ReferrerPhone")]
    public string? ReferrerPhone { get; set; }

    public List<Concerns> Concerns { get; set; } = [];

    [StringLength(2000, ErrorMessage = "Validation.TooLong"), Display(Name = "Referral.ConcernNote")]
    public string? ConcernNote { get; set; }

    [Display(Name = "Referral.Urgency")]
    public Urgency Urgency { get; set; }

    [Display(Name = "Referral.Consent")]
    public Consent Consent { get; set; }
}
