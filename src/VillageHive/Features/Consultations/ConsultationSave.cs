using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using VillageHive.Data;

namespace VillageHive.Features.Consultations;

/// <summary>How a consultation's pages end a save: back to the consultation with "saved", or, when someone saved it first,
/// back to the form they came from with the reason (its version moved on); 409 when the database refused the rows.</summary>
internal static class ConsultationSave
{
    public static async Task<IActionResult> SaveAndShowAsync(this PageModel page, HiveDbContext db, IStringLocalizer l, int id, string formPage)
    {
        var outcome = await db.SaveOrRefuseAsync();
        if (outcome == SaveOutcome.Changed)
        {
            page.TempData["Error"] = l["Consultation.ChangedMeanwhile"].Value;
            return page.RedirectToPage(formPage, new { id });
        }
        if (outcome != SaveOutcome.Saved) return page.StatusCode(StatusCodes.Status409Conflict);
        page.TempData["Flash"] = l["Form.Saved"].Value;
        return page.RedirectToPage("/Consultations/Details", new { id });
    }
}
