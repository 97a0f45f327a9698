using System.Net;
using System.Security.Cryptography.X509Certificates;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Lan;

/// <summary>
/// Hive:Lan: HTTPS for phones on the commune's own network, from the office machine, with a certificate of the Hive's
/// own authority (<see cref="LocalAuthority"/>). Browsers give offline capture (a service worker) only to an https
/// origin, so a laptop reached at http://192.168.x.x gives the phones none.
/// </summary>
/// <param name="Enabled">Hive:Lan, default false.</param>
/// <param name="Port">Hive:LanPort, default 8443: a port an unprivileged service may open (443 needs CAP_NET_BIND_SERVICE on Linux).</param>
/// <param name="Name">Hive:LanName, default hive.lan: a name the office router may give the machine; always in the certificate.</param>
/// <param name="Address">Hive:LanAddress: one address to listen on; default none, every address of the machine.</param>
/// <param name="Directory">lan/ in the data folder: the authority and the server certificate.</param>
public sealed record LanSettings(bool Enabled, int Port, string Name, IPAddress? Address, string Directory)
{
    public static LanSettings From(IConfiguration config, string contentRoot)
    {
        var address = config["Hive:LanAddress"] is { Length: > 0 } a
            ? IPAddress.TryParse(a, out var ip) ? ip : throw new InvalidOperationException($"Hive:LanAddress '{a}' is not an IP address.")
            : null;
        return new(
            config.GetValue("Hive:Lan", false),
            config.GetValue("Hive:LanPort", 8443),
            config["Hive:LanName"] is { Length: > 0 } n ? n.Trim().ToLowerInvariant() : "hive.lan",
            address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? null : address,
            Path.Combine(Data.DatabaseSetup.DataDirectory(config, contentRoot), "lan"));
    }

    /// <summary>The address Kestrel listens on for the phones.</summary>
    public string ListenUrl => Address is null ? $"https://*:{Port}" : $"https://{Host(Address)}:{Port}";

    /// <summary>An https address on this port, without ":443".</summary>
    public string Url(string host) => Port == 443 ? $"https://{host}" : $"https://{host}:{Port}";

    public static string Host(IPAddress ip) => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
}

/// <summary>The server certificate Kestrel presents, issued again when the machine's addresses change or it nears its end.</summary>
public sealed class LanHttps(LanSettings settings, HiveClock clock)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);

    public LanSettings Settings { get; } = settings;
    public LocalAuthority Authority { get; } = new(settings.Directory, clock);

    private readonly Lock gate = new();
    private X509Certificate2? current;
    private DateTime checkedAt;

    /// <summary>Asked at every TLS handshake: the last certificate, looked at again every few minutes.</summary>
    public X509Certificate2 Certificate
    {
        get
        {
            lock (gate)
            {
                if (current is null || clock.UtcNow - checkedAt > CheckEvery)
                {
                    current = Authority.ServerCertificate(Names(), Addresses());
                    checkedAt = clock.UtcNow;
                }
                return current;
            }
        }
    }

    /// <summary>The names in the certificate: the LAN name, the machine's name and localhost.</summary>
    public IEnumerable<string> Names() => [Settings.Name, Dns.GetHostName(), "localhost"];

    /// <summary>The addresses in the certificate: the one configured, else every IPv4 address of the machine; and loopback.</summary>
    public IEnumerable<IPAddress> Addresses() =>
        (Settings.Address is { } one ? [one] : StartupBanner.LocalIPv4()).Append(IPAddress.Loopback);

    /// <summary>The addresses phones open: the machine's own addresses on the network (loopback only when configured so).</summary>
    public IReadOnlyList<string> PhoneUrls() =>
        [.. (Settings.Address is { } one ? [one] : StartupBanner.LocalIPv4()).Select(ip => Settings.Url(LanSettings.Host(ip)))];

    /// <summary>The address by name, for a network whose router knows it.</summary>
    public string NameUrl => Settings.Url(Settings.Name);

    /// <summary>
    /// Serves https on <see cref="LanSettings.ListenUrl"/> besides the addresses already given (--urls, ASPNETCORE_URLS;
    /// none: http://localhost:5000, as Kestrel would), every https address with this certificate.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder, LanSettings lan)
    {
        builder.Services.AddSingleton<LanHttps>();
        if (!lan.Enabled) return;
        var given = builder.Configuration["urls"] is { Length: > 0 } urls ? urls : "http://localhost:5000";
        builder.WebHost.UseUrls([.. given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), lan.ListenUrl]);
        builder.WebHost.ConfigureKestrel(o => o.ConfigureHttpsDefaults(https =>
        {
            var lanHttps = o.ApplicationServices.GetRequiredService<LanHttps>();
            https.ServerCertificateSelector = (_, _) => lanHttps.Certificate;
        }));
    }
}
