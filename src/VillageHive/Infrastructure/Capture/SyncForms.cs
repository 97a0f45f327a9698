using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace VillageHive.Infrastructure.Capture;

/// <summary>How a capture page answers an outcome of <see cref="SyncRunner"/>: the same record, posted twice, lands on the first.</summary>
public static class SyncForms
{
    /// <summary>The page's answer, or null for "applied or already applied": the caller redirects.</summary>
    public static IActionResult? Refusal(this PageModel page, SyncOutcome outcome, Func<IActionResult> showForm)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(showForm);
        switch (outcome)
        {
            case SyncOutcome.Applied or SyncOutcome.AlreadyApplied:
                return null;
            case SyncOutcome.NotFound:
                return page.NotFound();
            case SyncOutcome.Forbidden:
                return page.Forbid();
            case SyncOutcome.Rejected rejected:
                foreach (var (field, message) in rejected.Errors) page.ModelState.AddModelError(field, message);
                return showForm();
            default:
                // A conflict is answered by the page itself, which shows both versions.
                return showForm();
        }
    }

    /// <summary>Where the record can be seen, for the redirect after an applied or already applied post.</summary>
    public static string? Url(this SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Applied a => a.Url,
        SyncOutcome.AlreadyApplied a => a.Url,
        _ => null,
    };
}
