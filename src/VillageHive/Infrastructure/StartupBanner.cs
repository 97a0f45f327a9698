using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VillageHive.Data;
using VillageHive.Infrastructure.Backup;

namespace VillageHive.Infrastructure;

/// <summary>
/// What the person who started the app needs to know, printed once it listens: where the data is, which addresses
/// the phones should open, and the last backup.
/// </summary>
public static class StartupBanner
{
    public static void PrintWhenStarted(WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var store = app.Services.GetRequiredService<BackupStore>();
        var data = DatabaseSetup.DataDirectory(app.Configuration, app.Environment.ContentRootPath);
        var database = app.Services.GetRequiredService<HiveDatabase>();
        var lines = new List<string>
        {
            $"Village Hive {Backups.AppVersion}",
            $"Data folder:  {data}",
            database.Provider == DatabaseProvider.Sqlite
                ? $"Database:     {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource}"
                : "Database:     PostgreSQL",
            $"Backups:      {store.Settings.Directory}" + (store.Settings.Daily ? $" (daily at {store.Settings.Time:HH:mm}, newest {store.Settings.Keep} kept)" : " (daily backup off)"),
        };
        var backups = store.List();
        var last = backups.Count > 0 ? backups[0] : null;
        var clock = app.Services.GetRequiredService<Domain.HiveClock>();
        lines.Add(last is null ? "Last backup:  no backup yet"
            : $"Last backup:  {clock.ToLocal(last.CreatedUtc):yyyy-MM-dd HH:mm} ({last.Name}, verified: {last.Verified.ToString().ToLowerInvariant()})");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var url in PhoneAddresses(addresses))
            lines.Add($"Phones open:  {url}");
        var lan = app.Services.GetRequiredService<Lan.LanHttps>();
        if (lan.Settings.Enabled)
        {
            // Made here, not at the first phone: the authority and the certificate exist before anyone opens /Install.
            _ = lan.Certificate;
            foreach (var url in lan.PhoneUrls())
                lines.Add($"Set up phones: {url}/Install (the Hive's certificate, steps, QR code)");
        }
        else
        {
            lines.Add("Set up phones: /Install (Hive:Lan is off: phones get no offline capture over plain http; see docs/operations.md)");
        }
        foreach (var line in lines) Console.WriteLine(line);
    });

    /// <summary>The listening addresses as phones on the network reach them: each non-loopback IPv4 address of the machine.</summary>
    public static IEnumerable<string> PhoneAddresses(IEnumerable<string> listening)
    {
        var mine = LocalIPv4().ToList();
        foreach (var address in listening)
        {
            if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                continue;
            var host = uri.Host;
            if (host is "0.0.0.0" or "[::]" or "::")
            {
                foreach (var ip in mine) yield return $"{uri.Scheme}://{ip}:{uri.Port}";
            }
            else if (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip) || host == "localhost")
            {
                yield return $"{uri.Scheme}://{host}:{uri.Port} (this machine only: listen on 0.0.0.0, e.g. --urls http://0.0.0.0:{uri.Port}, for phones)";
            }
            else
            {
                yield return $"{uri.Scheme}://{host}:{uri.Port}";
            }
        }
    }

    /// <summary>The machine's IPv4 addresses on its networks (up, not loopback).</summary>
    public static IEnumerable<IPAddress> LocalIPv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
