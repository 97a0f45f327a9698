using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace VillageHive.Features.Sync;

/// <summary>
/// What waits on this phone: records captured offline, those the server did not accept (with the reason, to correct
/// and resend or discard) and the worker's own caseload and rosters kept for offline reading. The lists live in the
/// phone's IndexedDB, so the page is a shell that js/sync-page.js fills in; the service worker keeps a copy of it.
/// </summary>
[Authorize]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
