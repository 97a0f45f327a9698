using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The provider and connection string in use, read once from configuration.</summary>
public sealed record HiveDatabase(DatabaseProvider Provider, string ConnectionString);

public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration config)
    {
        var text = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(text)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(text, ignoreCase: true, out var p)
            ? p
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{text}'.");
    }

    /// <summary>
    /// The one folder of an installation's data (Hive:DataDirectory, relative to the content root; default App_Data): the
    /// SQLite database when no connection string is given, and the backups unless Backup:Directory says otherwise.
    /// </summary>
    public static string DataDirectory(IConfiguration config, string contentRoot) =>
        Path.GetFullPath(config["Hive:DataDirectory"] is { Length: > 0 } dir ? dir : "App_Data", contentRoot);

    /// <summary>
    /// The connection string; for SQLite by default villagehive.db in the data folder, and a relative file of a given
    /// connection string is placed under the content root.
    /// </summary>
    public static string ConnectionString(IConfiguration config, string contentRoot)
    {
        var cs = config.GetConnectionString("Hive");
        if (Provider(config) == DatabaseProvider.Postgres)
            return string.IsNullOrWhiteSpace(cs)
                ? throw new InvalidOperationException("ConnectionStrings:Hive is required when Database:Provider is Postgres.")
                : cs;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(cs) ? $"Data Source={Path.Combine(DataDirectory(config, contentRoot), "villagehive.db")}" : cs);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        if (builder.DataSource != ":memory:")
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }

    /// <summary>
    /// Registers both provider contexts and resolves <see cref="HiveDbContext"/> to the configured one. Configuration
    /// is read when the first context is made, not here, so that a test host's settings apply.
    /// </summary>
    public static IServiceCollection AddHiveData(this IServiceCollection services)
    {
        services.AddSingleton(sp => new HiveDatabase(
            Provider(sp.GetRequiredService<IConfiguration>()),
            ConnectionString(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<Infrastructure.SqlCommandCounter>();
        services.AddSingleton<Infrastructure.AccountNames>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditReadQueue>();
        services.AddHostedService<AuditReadWriter>();
        // Pooled contexts whose options are built once (docs/scaling.md, "Work done on every request"): a plain
        // AddDbContext builds the options again for every request, and EF then looks its internal services up by them.
        services.AddDbContextPool<SqliteHiveDbContext>((sp, o) => ConfigureSqlite(o, sp.GetRequiredService<HiveDatabase>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Infrastructure.SqlCommandCounter>(),
                sp.GetRequiredService<Infrastructure.AccountNames>()));
        services.AddDbContextPool<PostgresHiveDbContext>((sp, o) => ConfigurePostgres(o, sp.GetRequiredService<HiveDatabase>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Infrastructure.SqlCommandCounter>(),
                sp.GetRequiredService<Infrastructure.AccountNames>()));
        services.AddScoped<HiveDbContext>(sp => sp.GetRequiredService<HiveDatabase>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresHiveDbContext>()
            : sp.GetRequiredService<SqliteHiveDbContext>());
        return services;
    }

    /// <summary>
    /// A list in a query (<c>ids.Contains(x)</c>) goes to the database as one parameter (a JSON array on SQLite, an array
    /// on PostgreSQL), not EF Core 10's default of one parameter an element: the statement's text then does not depend on
    /// the list's length, so EF keeps one SQL text for it instead of making one each time it runs.
    /// </summary>
    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));

    /// <summary>
    /// Statements are prepared once per connection and reused (Npgsql auto-preparation) unless the connection string says
    /// otherwise: the app sends the same few hundred statements over and over, and planning them each time was a large
    /// share of a page's database time at district scale (docs/scaling.md).
    /// </summary>
    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string cs)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        if (!cs.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 250;
            builder.AutoPrepareMinUsages = 2;
        }
        return o.UseNpgsql(builder.ConnectionString, n => n.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
    }

    /// <summary>Applies pending migrations: always for SQLite (a commune laptop needs no step), for PostgreSQL only when asked.</summary>
    public static async Task MigrateAtStartupAsync(IServiceProvider services, IConfiguration config)
    {
        if (!MigratesAtStartup(config))
            return;
        await MigrateAsync(services);
    }

    public static bool MigratesAtStartup(IConfiguration config) =>
        Provider(config) != DatabaseProvider.Postgres || config.GetValue<bool>("Database:MigrateAtStartup");

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        await db.Database.MigrateAsync();
        // Write-ahead logging lets pages read while another request writes; the setting stays with the file.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        // Name search keys made by older spelling rules (or none) are remade with the current ones.
        await NameKeyRefresh.RunAsync(db);
    }
}

/// <summary>Used by `dotnet ef migrations add ... --context SqliteHiveDbContext --output-dir Data/Migrations/Sqlite`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteHiveDbContext>
{
    public SqliteHiveDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteHiveDbContext>();
        DatabaseSetup.ConfigureSqlite(o, "Data Source=design.db");
        return new SqliteHiveDbContext(o.Options);
    }
}

/// <summary>Used by `dotnet ef migrations add ... --context PostgresHiveDbContext --output-dir Data/Migrations/Postgres`.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresHiveDbContext>
{
    public PostgresHiveDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresHiveDbContext>();
        DatabaseSetup.ConfigurePostgres(o, "Host=localhost;Database=design");
        return new PostgresHiveDbContext(o.Options);
    }
}
