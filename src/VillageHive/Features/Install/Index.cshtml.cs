using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using VillageHive.Infrastructure.Lan;

namespace VillageHive.Features.Install;

/// <summary>
/// Setting up a phone: the address to open as a QR code, the Hive's certificate authority to trust and the steps.
/// Open to anyone (decision 0031): a phone must trust the authority before it can sign in without a warning, and the
/// page holds nothing private: an address of the office network and a public certificate.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(LanHttps lan) : PageModel
{
    public bool Lan => lan.Settings.Enabled;

    /// <summary>The addresses phones open, each with its QR code (of the address's own /Install page).</summary>
    public List<(string Url, string Qr)> Addresses { get; } = [];

    public string NameUrl => lan.NameUrl;

    public string Fingerprint { get; private set; } = "";

    public void OnGet()
    {
        var urls = Lan ? lan.PhoneUrls() : [$"{Request.Scheme}://{Request.Host}"];
        var here = Url.Page("/Install/Index");
        foreach (var url in urls.Take(3))
            Addresses.Add((url, QrSvg.Draw(url + here, url)));
        if (Lan) Fingerprint = lan.Authority.Fingerprint();
    }
}
