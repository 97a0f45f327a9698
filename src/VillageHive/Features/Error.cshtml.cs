using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace VillageHive.Features;

/// <summary>The page shown for 403, 404 and 500, in the user's language.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int? code) => Code = Normalise(code);

    public void OnPost(int? code) => Code = Normalise(code);

    private int Normalise(int? code)
    {
        var c = code ?? 500;
        // Reached directly (not re-executed for an error): keep the status it names.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && c is >= 400 and < 600)
            Response.StatusCode = c;
        return c;
    }
}
