using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Backup;

if (Cli.IsCommand(args))
    return await Cli.RunAsync(args);

var app = HiveHost.Build(args);
try
{
    await HiveHost.PrepareDatabaseAsync(app);
}
catch (StartRefusedException e)
{
    await Console.Error.WriteLineAsync($"Village Hive will not start: {e.Message}");
    return 3;
}
StartupBanner.PrintWhenStarted(app);
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that the integration tests can host the app.</summary>
public partial class Program;
