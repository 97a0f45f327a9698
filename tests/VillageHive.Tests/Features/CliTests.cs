using Microsoft.Data.Sqlite;
using Npgsql;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>The same executable's commands, run in-process against a fresh database of each provider.</summary>
public sealed class CliTests(Apps apps)
{
    [Fact]
    public async Task Migrate_seed_and_create_admin_work_on_an_empty_SQLite_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hive-cli-{Guid.NewGuid():N}.db");
        var cs = $"Data Source={file};Pooling=False";
        try
        {
            (await Cli.RunAsync(["migrate", "--provider", "Sqlite", "--connection", cs])).ShouldBe(0);
            await using (var conn = new SqliteConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new SqliteCommand("select count(*) from \"__EFMigrationsHistory\"", conn);
                Convert.ToInt32(await cmd.ExecuteScalarAsync()).ShouldBeGreaterThan(0);
            }
            (await Cli.RunAsync(["seed", "--provider", "Sqlite", "--connection", cs, "--demo-password", "cli-demo-passphrase"])).ShouldBe(0);
            (await Cli.RunAsync(["create-admin", "--provider", "Sqlite", "--connection", cs, "--user", "first.admin", "--password", "a long enough passphrase"])).ShouldBe(0);
            // The same name again is refused, with a non-zero exit code.
            (await Cli.RunAsync(["create-admin", "--provider", "Sqlite", "--connection", cs, "--user", "first.admin", "--password", "a long enough passphrase"])).ShouldBe(1);
            // A short password is refused by the password policy.
            (await Cli.RunAsync(["create-admin", "--provider", "Sqlite", "--connection", cs, "--user", "second.admin", "--password", "short"])).ShouldBe(1);
            await using (var conn = new SqliteConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new SqliteCommand("select count(*) from \"Households\"", conn);
                Convert.ToInt32(await cmd.ExecuteScalarAsync()).ShouldBeGreaterThanOrEqualTo(600);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Migrate_applies_the_PostgreSQL_migrations_to_an_empty_database()
    {
        await apps.Get(Db.Postgres);
        var name = $"hive_cli_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(Apps.PostgresServer))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            (await Cli.RunAsync(["migrate", "--provider", "Postgres", "--connection", cs])).ShouldBe(0);
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select count(*) from information_schema.tables where table_name in ('Households', 'Persons', 'Villages', 'Hives', 'AspNetUsers')", conn);
            Convert.ToInt32(await cmd.ExecuteScalarAsync()).ShouldBe(5);
        }
        finally
        {
            await Apps.DropDatabaseAsync(name);
        }
    }
}
