using System.Net;
using System.Security.Cryptography.X509Certificates;
using VillageHive.Domain;
using VillageHive.Infrastructure.Lan;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Unit;

/// <summary>The Hive's own certificate authority for the office network (Hive:Lan, issue 20 part 4).</summary>
public sealed class LocalAuthorityTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"hive-ca-{Guid.NewGuid():N}", "lan");
    private readonly TestTime time = new(TestClock.Start);

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(folder))) Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    private LocalAuthority Authority() => new(folder, new HiveClock(time, TimeZoneInfo.Utc));

    private static readonly string[] Names = ["hive.lan", "office-laptop", "localhost"];
    private static readonly string[] Kept = ["src", "tests", "docs", "tools"];
    private static readonly IPAddress[] Addresses = [IPAddress.Parse("192.168.1.20"), IPAddress.Loopback];

    [Fact]
    public void The_authority_is_made_once_kept_in_the_folder_and_lives_ten_years()
    {
        var ca = Authority().Authority;
        ca.HasPrivateKey.ShouldBeTrue();
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        constraints.CertificateAuthority.ShouldBeTrue();
        constraints.Critical.ShouldBeTrue();
        ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign).ShouldBeTrue();
        (ca.NotAfter - ca.NotBefore).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromDays(3650));
        ca.Subject.ShouldBe(ca.Issuer);

        // Another start of the app reads the same authority: phones trust it once.
        Authority().Authority.Thumbprint.ShouldBe(ca.Thumbprint);
        File.Exists(Path.Combine(folder, "ca.crt")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(folder, "ca.crt")).ShouldStartWith("-----BEGIN CERTIFICATE-----");
    }

    [Fact]
    public void Keys_are_readable_by_the_app_s_user_only_on_linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Unix file modes");
            return;
        }
        Authority().ServerCertificate(Names, Addresses);
        File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var key in new[] { "ca.key", "server.key" })
            File.GetUnixFileMode(Path.Combine(folder, key)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, key);
    }

    [Fact]
    public void The_server_certificate_names_the_machine_s_addresses_and_names_and_chains_to_the_authority_only()
    {
        var authority = Authority();
        using var server = authority.ServerCertificate(Names, Addresses);
        server.HasPrivateKey.ShouldBeTrue();
        var (dns, ips) = LocalAuthority.SubjectAlternativeNames(server);
        dns.ShouldBe(["hive.lan", "localhost", "office-laptop"], ignoreOrder: true);
        ips.Select(ip => ip.ToString()).ShouldBe(["127.0.0.1", "192.168.1.20"], ignoreOrder: true);
        server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()
            .Select(o => o.Value).ShouldBe(["1.3.6.1.5.5.7.3.1"]);
        server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeFalse();
        (server.NotAfter - server.NotBefore).ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(398));

        using (var chain = LocalAuthority.TrustingOnly(authority.Authority))
        {
            chain.ChainPolicy.VerificationTime = TestClock.Start.UtcDateTime;
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
            chain.Build(server).ShouldBeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
            chain.ChainElements.Count.ShouldBe(2);
            chain.ChainElements[1].Certificate.Thumbprint.ShouldBe(authority.Authority.Thumbprint);
        }

        // Another Hive's authority does not vouch for it.
        var otherFolder = Path.Combine(Path.GetDirectoryName(folder)!, "other");
        var other = new LocalAuthority(otherFolder, new HiveClock(time, TimeZoneInfo.Utc));
        using var foreign = LocalAuthority.TrustingOnly(other.Authority);
        foreign.ChainPolicy.VerificationTime = TestClock.Start.UtcDateTime;
        foreign.Build(server).ShouldBeFalse();
    }

    [Fact]
    public void The_server_certificate_is_kept_until_the_addresses_change_or_it_nears_its_end()
    {
        var authority = Authority();
        var first = authority.ServerCertificate(Names, Addresses);
        // Same names and addresses, in any order, from a new start: the same certificate.
        Authority().ServerCertificate(Names.Reverse(), Addresses.Reverse()).Thumbprint.ShouldBe(first.Thumbprint);

        // The office laptop got another address from the router: issued again, by the same authority.
        IPAddress[] moved = [IPAddress.Parse("192.168.1.37"), IPAddress.Loopback];
        var second = authority.ServerCertificate(Names, moved);
        second.Thumbprint.ShouldNotBe(first.Thumbprint);
        LocalAuthority.SubjectAlternativeNames(second).Ips.ShouldContain(IPAddress.Parse("192.168.1.37"));
        second.Issuer.ShouldBe(authority.Authority.Subject);

        // A new LAN name too.
        var third = authority.ServerCertificate(["hive.commune", "office-laptop", "localhost"], moved);
        third.Thumbprint.ShouldNotBe(second.Thumbprint);

        // Far from its end: kept; within 30 days of it: issued again, the authority unchanged.
        var ca = authority.Authority.Thumbprint;
        using (time.Travel(TestClock.Start + TimeSpan.FromDays(300)))
            authority.ServerCertificate(["hive.commune", "office-laptop", "localhost"], moved).Thumbprint.ShouldBe(third.Thumbprint);
        using (time.Travel(TestClock.Start + TimeSpan.FromDays(370)))
        {
            var renewed = authority.ServerCertificate(["hive.commune", "office-laptop", "localhost"], moved);
            renewed.Thumbprint.ShouldNotBe(third.Thumbprint);
            new DateTimeOffset(renewed.NotAfter).ShouldBeGreaterThan(TestClock.Start + TimeSpan.FromDays(370 + 390));
            Authority().Authority.Thumbprint.ShouldBe(ca);
        }
    }

    [Fact]
    public void A_damaged_server_certificate_file_is_replaced()
    {
        var authority = Authority();
        var first = authority.ServerCertificate(Names, Addresses);
        File.WriteAllText(Path.Combine(folder, "server.crt"), "not a certificate");
        authority.ServerCertificate(Names, Addresses).Thumbprint.ShouldNotBe(first.Thumbprint);
    }

    [Fact]
    public void No_private_key_is_kept_in_the_repository()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "VillageHive.slnx"))) root = root.Parent;
        var offences = Kept
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root!.FullName, d), "*", SearchOption.AllDirectories))
            // App_Data is an installation's data folder (keys are made there on purpose) and is never committed (.gitignore).
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("node_modules", StringComparison.Ordinal)
                && !f.Contains("/App_Data/", StringComparison.Ordinal))
            .Where(f => Path.GetExtension(f) is ".key" or ".pem" or ".pfx" or ".p12"
                || (new FileInfo(f).Length < 1_000_000 && File.ReadAllText(f).Contains("PRIVATE KEY" + "-----", StringComparison.Ordinal)))
            .ToList();
        offences.ShouldBeEmpty();
    }
}
