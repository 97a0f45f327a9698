using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Infrastructure.Lan;

namespace VillageHive.Features.Install;

/// <summary>The Hive's certificate authority (DER), as a phone installs it; 404 while Hive:Lan is off.</summary>
[AllowAnonymous]
public sealed class CertificateModel(LanHttps lan) : PageModel
{
    public const string ContentType = "application/x-x509-ca-cert";

    public IActionResult OnGet() => lan.Settings.Enabled
        ? File(lan.Authority.AuthorityDer(), ContentType, "village-hive-ca.crt")
        : NotFound();
}
