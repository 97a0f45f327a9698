using System.ComponentModel.DataAnnotations;

namespace VillageHive.Features.Cases.Notes;

/// <summary>A case note as the form and a phone capture it.</summary>
public sealed class NoteInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.TooLong"), Display(Name = "Note.Text")]
    public string? Text { get; set; }

    public bool Confidential { get; set; }
}
