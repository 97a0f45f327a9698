using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Exports;

/// <summary>The downloads this user may take: identified lists of their scope, or the de-identified research export.</summary>
[Authorize(Policy = Policies.Exports)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
