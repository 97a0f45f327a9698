using VillageHive.Infrastructure;

if (Cli.IsCommand(args))
    return await Cli.RunAsync(args);

var app = HiveHost.Build(args);
await HiveHost.PrepareDatabaseAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that the integration tests can host the app.</summary>
public partial class Program;
