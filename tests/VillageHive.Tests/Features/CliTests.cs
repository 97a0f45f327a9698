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

    [Fact]
    public async Task Api_client_create_prints_the_id_and_secret_once_and_the_secret_gets_a_token()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hive-cli-{Guid.NewGuid():N}.db");
        var cs = $"Data Source={file};Pooling=False";
        var output = new StringWriter();
        var console = Console.Out;
        try
        {
            (await Cli.RunAsync(["seed", "--provider", "Sqlite", "--connection", cs, "--demo-password", "cli-demo-passphrase"])).ShouldBe(0);
            Console.SetOut(output);
            var code = await Cli.RunAsync(["api-client", "create", "oscar-sync", "--role", "SeniorSocialWorker", "--area", "020309", "--provider", "Sqlite", "--connection", cs]);
            Console.SetOut(console);
            code.ShouldBe(0, output.ToString());
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var id = lines.Single(l => l.StartsWith("client_id: ", StringComparison.Ordinal))["client_id: ".Length..];
            var secret = lines.Single(l => l.StartsWith("client_secret: ", StringComparison.Ordinal))["client_secret: ".Length..];
            secret.Length.ShouldBeGreaterThanOrEqualTo(40);
            // Kept as a hash only; the client has the role and the commune as its area.
            await using (var conn = new SqliteConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new SqliteCommand("select \"Role\", \"ScopeLevel\", \"SecretHash\" from \"ApiClients\" where \"ClientId\" = $id", conn);
                cmd.Parameters.AddWithValue("$id", id);
                await using var reader = await cmd.ExecuteReaderAsync();
                (await reader.ReadAsync()).ShouldBeTrue();
                reader.GetString(0).ShouldBe("SeniorSocialWorker");
                reader.GetInt32(1).ShouldBe((int)VillageHive.Domain.ScopeLevel.Communes);
                reader.GetString(2).ShouldNotContain(secret);
                VillageHive.Domain.ApiClientSecrets.Matches(secret, reader.GetString(2)).ShouldBeTrue();
            }
            // An unknown role or area, or the same name again: refused with a non-zero exit code.
            (await Cli.RunAsync(["api-client", "create", "other", "--role", "Wizard", "--area", "020309", "--provider", "Sqlite", "--connection", cs])).ShouldBe(2);
            (await Cli.RunAsync(["api-client", "create", "other", "--role", "SeniorSocialWorker", "--area", "999999", "--provider", "Sqlite", "--connection", cs])).ShouldBe(2);
            (await Cli.RunAsync(["api-client", "create", "oscar-sync", "--role", "SeniorSocialWorker", "--area", "020309", "--provider", "Sqlite", "--connection", cs])).ShouldBe(2);
        }
        finally
        {
            Console.SetOut(console);
            File.Delete(file);
        }
    }
}
