using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing;
using VillageHive.Features.Install;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>/Install: setting up a phone for the office network (issue 20 part 4).</summary>
public sealed class InstallTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Without_hive_lan_the_page_says_so_and_there_is_no_certificate(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        var html = await client.GetHtmlAsync("/Install");
        html.ShouldContain("id=\"install-lan-off\"");
        html.ShouldNotContain("install-certificate");
        html.ShouldContain("<svg");
        (await client.GetAsync("/Install/Certificate")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task With_hive_lan_anyone_gets_the_authority_s_certificate_and_its_fingerprint_and_a_qr_code(string provider)
    {
        var app = await apps.Get(provider);
        var data = Path.Combine(Path.GetTempPath(), $"hive-install-{Guid.NewGuid():N}");
        await using var lan = app.WithWebHostBuilder(b => b
            .UseSetting("Hive:Lan", "true")
            .UseSetting("Hive:LanAddress", "192.168.1.20")
            .UseSetting("Hive:DataDirectory", data));
        try
        {
            var client = lan.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var html = await client.GetHtmlAsync("/Install");
            html.ShouldNotContain("install-lan-off");
            html.ShouldContain("<code class=\"hive-key\" data-url=\"https://192.168.1.20:8443\">https://192.168.1.20:8443</code>");
            html.ShouldContain("https://hive.lan:8443");
            html.ShouldContain("id=\"install-steps\"");
            html.ShouldContain(QrSvg.Draw("https://192.168.1.20:8443/Install", "https://192.168.1.20:8443"));

            var response = await client.GetAsync("/Install/Certificate");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-x509-ca-cert");
            response.Content.Headers.ContentDisposition!.FileName.ShouldBe("village-hive-ca.crt");
            var der = await response.Content.ReadAsByteArrayAsync();
            using var ca = X509CertificateLoader.LoadCertificate(der);
            ca.HasPrivateKey.ShouldBeFalse();
            ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeTrue();
            ca.RawData.ShouldBe(X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(data, "lan", "ca.crt"))).RawData);
            var fingerprint = string.Join(':', SHA256.HashData(der).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            html.ShouldContain($"id=\"install-fingerprint\">{fingerprint}<");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void The_qr_code_draws_each_dark_module_of_the_code_once()
    {
        const string url = "https://192.168.1.20:8443/Install";
        var modules = QrSvg.Modules(url);
        var svg = QrSvg.Draw(url, "label <&>");
        svg.ShouldContain($"viewBox=\"0 0 {modules.Length} {modules.Length}\"");
        svg.ShouldContain("aria-label=\"label &lt;&amp;&gt;\"");
        var squares = System.Text.RegularExpressions.Regex.Matches(svg, @"M(\d+) (\d+)h1v1h-1z").Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).ToList();
        squares.Count.ShouldBe(modules.Sum(row => row.Count(d => d)));
        squares.ShouldAllBe(s => modules[s.Item2][s.Item1]);
        // Version 3 (29 modules) with the 4-module quiet zone on each side.
        modules.Length.ShouldBe(37);
    }
}
