using Microsoft.AspNetCore.Mvc;

namespace VillageHive.Features.Account;

/// <summary>Return addresses carried through the sign-in steps: only ones inside this site, so no page can bounce a user elsewhere.</summary>
public static class LocalUrl
{
    public static string? OrNull(IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) ? returnUrl : null;

    public static string OrHome(IUrlHelper url, string? returnUrl) => OrNull(url, returnUrl) ?? "/";
}
