using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using VillageHive.Domain;

namespace VillageHive.Features.Registry;

/// <summary>The fields of a person as typed on a form; used by "new household" (its head) and by person create/edit.</summary>
public sealed class PersonInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FamilyNameKm")]
    public string FamilyNameKm { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.GivenNameKm")]
    public string GivenNameKm { get; set; } = "";

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FamilyNameLatin")]
    public string? FamilyNameLatin { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.GivenNameLatin")]
    public string? GivenNameLatin { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Sex")]
    public Sex? Sex { get; set; }

    [DataType(DataType.Date)]
    [Display(Name = "Field.DateOfBirth")]
    public DateOnly? DateOfBirth { get; set; }

    [Range(0, 120, ErrorMessage = "Validation.AgeRange")]
    [Display(Name = "Field.AgeYears")]
    public int? AgeYears { get; set; }

    [Display(Name = "Field.BirthRegistration")]
    public BirthRegistration BirthRegistration { get; set; }

    [Display(Name = "Field.HasDisability")]
    public bool HasDisability { get; set; }

    [StringLength(300, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.DisabilityNote")]
    public string? DisabilityNote { get; set; }

    [Display(Name = "Field.SchoolStatus")]
    public SchoolStatus SchoolStatus { get; set; }

    [Display(Name = "Field.RelationToHead")]
    public RelationToHead RelationToHead { get; set; }

    public static PersonInput From(Person p, DateOnly today) => new()
    {
        FamilyNameKm = p.FamilyNameKm,
        GivenNameKm = p.GivenNameKm,
        FamilyNameLatin = p.FamilyNameLatin,
        GivenNameLatin = p.GivenNameLatin,
        Sex = p.Sex,
        DateOfBirth = p.DateOfBirth,
        AgeYears = p.DateOfBirth is null ? p.AgeOn(today) : null,
        BirthRegistration = p.BirthRegistration,
        HasDisability = p.HasDisability,
        DisabilityNote = p.DisabilityNote,
        SchoolStatus = p.SchoolStatus,
        RelationToHead = p.RelationToHead,
    };

    /// <summary>Copies the input onto the person and adds any broken rule to the model state under <paramref name="prefix"/>.</summary>
    public void ApplyTo(Person p, DateOnly today, ModelStateDictionary state, string prefix, Func<string, string> message)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        p.SetNames(FamilyNameKm ?? "", GivenNameKm ?? "", FamilyNameLatin, GivenNameLatin);
        p.Sex = Sex ?? Domain.Sex.Female;
        p.DateOfBirth = DateOfBirth;
        // The age is only an estimate; it is used when the date of birth is not known.
        p.EstimatedBirthYear = DateOfBirth is null && AgeYears is { } age ? today.Year - age : null;
        p.BirthRegistration = BirthRegistration;
        p.HasDisability = HasDisability;
        p.DisabilityNote = HasDisability && !string.IsNullOrWhiteSpace(DisabilityNote) ? DisabilityNote.Trim() : null;
        p.SchoolStatus = SchoolStatus;
        p.RelationToHead = RelationToHead;
        foreach (var (field, key) in p.Validate(today))
        {
            var name = field == nameof(Person.EstimatedBirthYear) ? nameof(AgeYears) : field;
            state.AddModelError($"{prefix}.{name}", message(key));
        }
    }
}
