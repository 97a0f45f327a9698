using System.ComponentModel.DataAnnotations;
using VillageHive.Domain;

namespace VillageHive.Features.Registry;

public sealed class HouseholdInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Village")]
    public int? VillageId { get; set; }

    [StringLength(300, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Address")]
    public string? Address { get; set; }

    [Display(Name = "Field.IdPoor")]
    public IdPoorStatus IdPoor { get; set; }

    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    public int Version { get; set; }

    public static HouseholdInput From(Household h) =>
        new() { VillageId = h.VillageId, Address = h.Address, IdPoor = h.IdPoor, Phone = h.Phone, Version = h.Version };

    public void ApplyTo(Household h)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.VillageId = VillageId ?? 0;
        h.Address = TypedText.OrNull(Address);
        h.IdPoor = IdPoor;
        var digits = NameSearch.NormalisePhone(Phone);
        h.Phone = digits.Length == 0 ? null : digits;
    }
}
