using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Lan;

/// <summary>
/// The Hive's own certificate authority for the commune's network (Hive:Lan): made once and kept in the data folder
/// (lan/ca.crt and lan/ca.key, ten years), it issues the server certificate for the machine's addresses and names
/// (lan/server.crt and lan/server.key) and issues it again when those change or it nears its end. Phones trust the
/// authority once (/Install); keys never leave the folder, which only the app's user may read on Linux.
/// </summary>
public sealed class LocalAuthority(string directory, HiveClock clock)
{
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);

    /// <summary>397 days, the longest any browser accepts for a server certificate.</summary>
    public static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);

    /// <summary>A server certificate this close to its end is issued again.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public string Directory { get; } = directory;

    private string AuthorityCertPath => Path.Combine(Directory, "ca.crt");
    private string AuthorityKeyPath => Path.Combine(Directory, "ca.key");
    private string ServerCertPath => Path.Combine(Directory, "server.crt");
    private string ServerKeyPath => Path.Combine(Directory, "server.key");

    private readonly Lock gate = new();
    private X509Certificate2? authority;

    /// <summary>The authority's certificate with its private key: read from the folder, or made there the first time.</summary>
    public X509Certificate2 Authority
    {
        get
        {
            lock (gate) return authority ??= LoadOrCreateAuthority();
        }
    }

    /// <summary>The authority's certificate alone (DER), as phones install it.</summary>
    public byte[] AuthorityDer() => Authority.Export(X509ContentType.Cert);

    /// <summary>SHA-256 of the authority's certificate, as hex pairs: what a person compares on two screens.</summary>
    public string Fingerprint() =>
        string.Join(':', Authority.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The server certificate for exactly these names and addresses: the one in the folder while it was issued by this
    /// authority for the same names and addresses and is more than <see cref="RenewBefore"/> from its end, else a new one.
    /// </summary>
    public X509Certificate2 ServerCertificate(IEnumerable<string> names, IEnumerable<IPAddress> addresses)
    {
        var dns = names.Where(n => n.Length > 0).Select(n => n.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        var ips = addresses.Distinct().OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        lock (gate)
        {
            var ca = authority ??= LoadOrCreateAuthority();
            var current = TryLoad(ServerCertPath, ServerKeyPath);
            if (current is not null && Fits(current, ca, dns, ips)) return current;
            current?.Dispose();
            return IssueServer(ca, dns, ips);
        }
    }

    private bool Fits(X509Certificate2 server, X509Certificate2 ca, List<string> dns, List<IPAddress> ips)
    {
        if (server.Issuer != ca.Subject || Utc(server.NotAfter) - clock.UtcNow < RenewBefore) return false;
        if (Utc(server.NotBefore) > clock.UtcNow) return false;
        using var chain = TrustingOnly(ca);
        chain.ChainPolicy.VerificationTime = clock.UtcNow;
        if (!chain.Build(server)) return false;
        var (haveDns, haveIps) = SubjectAlternativeNames(server);
        return haveDns.Order(StringComparer.Ordinal).SequenceEqual(dns) && haveIps.Select(a => a.ToString()).Order(StringComparer.Ordinal).SequenceEqual(ips.Select(a => a.ToString()));
    }

    /// <summary>A certificate's date (the machine's local kind) as the UTC instant it is.</summary>
    private static DateTime Utc(DateTime certificateDate) => new DateTimeOffset(certificateDate).UtcDateTime;

    /// <summary>A chain that trusts this authority alone (no system roots, no revocation lists on a village network).</summary>
    public static X509Chain TrustingOnly(X509Certificate2 ca)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain;
    }

    public static (List<string> Dns, List<IPAddress> Ips) SubjectAlternativeNames(X509Certificate2 cert)
    {
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return san is null ? ([], []) : ([.. san.EnumerateDnsNames()], [.. san.EnumerateIPAddresses()]);
    }

    private X509Certificate2 LoadOrCreateAuthority()
    {
        if (TryLoad(AuthorityCertPath, AuthorityKeyPath) is { } existing) return existing;
        PrepareDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedName($"CN=Village Hive {Environment.MachineName} {clock.UtcNow:yyyy-MM-dd}, O=Village Hive");
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = clock.UtcNow;
        using var made = request.CreateSelfSigned(now.AddDays(-1), now + AuthorityLifetime);
        Save(made, key, AuthorityCertPath, AuthorityKeyPath);
        return TryLoad(AuthorityCertPath, AuthorityKeyPath) ?? throw new InvalidOperationException("The local authority just made could not be read back from " + Directory);
    }

    private X509Certificate2 IssueServer(X509Certificate2 ca, List<string> dns, List<IPAddress> ips)
    {
        PrepareDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + (dns.FirstOrDefault() ?? ips.FirstOrDefault()?.ToString() ?? "village-hive") + ", O=Village Hive"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var d in dns) san.AddDnsName(d);
        foreach (var ip in ips) san.AddIpAddress(ip);
        request.CertificateExtensions.Add(san.Build());
        var now = clock.UtcNow;
        var notAfter = now + ServerLifetime;
        if (notAfter > Utc(ca.NotAfter)) notAfter = Utc(ca.NotAfter);
        using var issued = request.Create(ca, now.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(16).Prepend((byte)0x01).ToArray());
        Save(issued, key, ServerCertPath, ServerKeyPath);
        return TryLoad(ServerCertPath, ServerKeyPath) ?? throw new InvalidOperationException("The server certificate just issued could not be read back from " + Directory);
    }

    /// <summary>
    /// A certificate and its key from PEM files, or null when either is missing or unreadable. Loaded through PKCS#12 so
    /// that the key is usable by TLS on every system (Windows refuses an ephemeral key).
    /// </summary>
    private static X509Certificate2? TryLoad(string certPath, string keyPath)
    {
        if (!File.Exists(certPath) || !File.Exists(keyPath)) return null;
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private void PrepareDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void Save(X509Certificate2 cert, ECDsa key, string certPath, string keyPath)
    {
        // The key first, readable by the app's user only from its first byte; the certificate is public.
        Write(keyPath, key.ExportPkcs8PrivateKeyPem(), secret: true);
        Write(certPath, cert.ExportCertificatePem(), secret: false);
    }

    private static void Write(string path, string text, bool secret)
    {
        var temp = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.Delete(temp);
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        File.Move(temp, path, overwrite: true);
    }
}
