using System.ComponentModel.DataAnnotations;
using VillageHive.Domain;

namespace VillageHive.Features.Cases.Network;

/// <summary>A Family Network member as typed: a person of the household from the registry, or a name.</summary>
public sealed class NetworkInput
{
    [Display(Name = "Network.Person")]
    public int? PersonId { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Network.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Network.Relation")]
    public NetworkRelation? Relation { get; set; }

    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [RegularExpression(@"^[0-9+\-\s().]*$", ErrorMessage = "Validation.Phone")]
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Network.RoleInPlan")]
    public string? RoleInPlan { get; set; }

    public int Version { get; set; }

    public static NetworkInput From(FamilyNetworkMember m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new() { PersonId = m.PersonId, Name = m.Name, Relation = m.Relation, Phone = m.Phone, RoleInPlan = m.RoleInPlan, Version = m.Version };
    }

    /// <summary>Writes the form on the member; the name is the registry person's when one is chosen.</summary>
    public void ApplyTo(FamilyNetworkMember m, string? personName)
    {
        ArgumentNullException.ThrowIfNull(m);
        m.PersonId = personName is null ? null : PersonId;
        m.Name = personName ?? Name!.Trim();
        m.Relation = Relation!.Value;
        var digits = NameSearch.NormalisePhone(Phone);
        m.Phone = digits.Length == 0 ? null : digits;
        m.RoleInPlan = TypedText.OrNull(RoleInPlan);
    }
}
