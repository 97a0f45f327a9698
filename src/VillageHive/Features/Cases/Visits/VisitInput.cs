using System.ComponentModel.DataAnnotations;
using VillageHive.Domain;

namespace VillageHive.Features.Cases.Visits;

/// <summary>A visit as the form and a phone capture it (the same binding and validation for both).</summary>
public sealed class VisitInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Visit.VisitedOn")]
    public DateOnly? VisitedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.TooLong"), Display(Name = "Visit.Place")]
    public string? Place { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(500, ErrorMessage = "Validation.TooLong"), Display(Name = "Visit.WhoWasSeen")]
    public string? WhoWasSeen { get; set; }

    public bool ChildSeenAlone { get; set; }

    [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Visit.Observations")]
    public string? Observations { get; set; }

    [Range(SafetyScale.Min, SafetyScale.Max, ErrorMessage = "Assessment.ScaleRange"), Display(Name = "Assessment.WorkerScale")]
    public int? WorkerScale { get; set; }
}
