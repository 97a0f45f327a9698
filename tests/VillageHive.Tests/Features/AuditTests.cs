using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageHive.Data;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class AuditTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Editing_a_household_writes_exactly_one_entry_with_before_and_after(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030201");
        var key = household.Id.ToString();
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Household" && a.EntityId == key && a.Action != AuditLog.Read));
        var village = await app.VillageIdAsync("02030201");
        var response = await (await app.As("svaypao.vbsw1")).PostFormAsync($"/Registry/Households/{household.Id}/Edit", new()
        {
            ["Household.VillageId"] = village.ToString(), ["Household.Address"] = "ផ្ទះលេខ ៧", ["Household.IdPoor"] = "NotAssessed",
            ["Household.Phone"] = household.Phone, ["Household.Version"] = "0",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Household" && a.EntityId == key && a.Action != AuditLog.Read).OrderBy(a => a.Id).ToListAsync());
        entries.Count.ShouldBe(before + 1);
        var entry = entries[^1];
        entry.Action.ShouldBe("Update");
        entry.UserName.ShouldBe("svaypao.vbsw1");
        entry.Changes.ShouldBe("""{"Address":[null,"ផ្ទះលេខ ៧"]}""");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Reading_a_person_is_recorded_and_the_history_shows_to_supervisors_only(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var personId = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        var html = await (await app.As("ouchar.vbsw1")).GetHtmlAsync($"/Registry/Persons/{personId}");
        html.ShouldNotContain("id=\"history\"");
        var key = personId.ToString();
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditLog.Read && a.EntityType == "Person" && a.EntityId == key && a.UserName == "ouchar.vbsw1")))
            .ShouldBeTrue();
        var seniorView = await (await app.As("ouchar.senior")).GetHtmlAsync($"/Registry/Households/{household.Id}");
        seniorView.ShouldContain("id=\"history\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_refused_form_writes_no_audit_entry(string provider)
    {
        var app = await apps.Get(provider);
        // Signed in first: signing in is itself recorded.
        var client = await app.As("ouchar.vbsw2");
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "ouchar.vbsw2" && a.Action != AuditLog.Read));
        var response = await client.PostFormAsync("/Registry/Households/New", new() { ["Head.FamilyNameKm"] = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "ouchar.vbsw2" && a.Action != AuditLog.Read))).ShouldBe(before);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Concurrent_changes_keep_one_unbroken_chain(string provider)
    {
        var app = await apps.Get(provider);
        var households = new List<int>();
        for (var i = 0; i < 8; i++) households.Add((await app.UniqueHouseholdAsync("02030902")).Id);
        var client = await app.As("ouchar.vbsw1");
        var village = await app.VillageIdAsync("02030902");
        var edits = households.Select(id => client.PostFormAsync($"/Registry/Households/{id}/Edit", new()
        {
            ["Household.VillageId"] = village.ToString(), ["Household.Address"] = "parallel " + id, ["Household.Version"] = "0",
        }));
        var reads = households.Select(id => client.GetAsync($"/Registry/Households/{id}"));
        await Task.WhenAll(edits.Concat(reads));
        var result = await app.WithDbAsync(db => AuditChain.VerifyAsync(db));
        result.BrokenAtId.ShouldBeNull(result.Problem);
        result.Entries.ShouldBeGreaterThan(16);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Verify_audit_passes_untouched_and_names_the_entry_altered_by_SQL(string provider)
    {
        await apps.Get(provider);
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        (await Cli.RunAsync(["seed", "--provider", provider, "--connection", scratch.ConnectionString, "--demo-password", "cli-demo-passphrase"])).ShouldBe(0);
        (await Cli.RunAsync(["verify-audit", "--provider", provider, "--connection", scratch.ConnectionString])).ShouldBe(0);

        var victim = await scratch.ScalarAsync("""SELECT "Id" FROM "AuditEntries" ORDER BY "Id" LIMIT 1 OFFSET 100""");
        await scratch.ExecuteAsync($"""UPDATE "AuditEntries" SET "UserName" = 'someone.else' WHERE "Id" = {victim}""");
        (await Cli.RunAsync(["verify-audit", "--provider", provider, "--connection", scratch.ConnectionString])).ShouldBe(1);
        var result = await scratch.VerifyAsync();
        result.BrokenAtId.ShouldBe(victim);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Deleting_an_entry_breaks_the_chain_at_the_next_one(string provider)
    {
        await apps.Get(provider);
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        (await Cli.RunAsync(["seed", "--provider", provider, "--connection", scratch.ConnectionString, "--demo-password", "cli-demo-passphrase"])).ShouldBe(0);
        var victim = await scratch.ScalarAsync("""SELECT "Id" FROM "AuditEntries" ORDER BY "Id" LIMIT 1 OFFSET 50""");
        var next = await scratch.ScalarAsync($"""SELECT MIN("Id") FROM "AuditEntries" WHERE "Id" > {victim}""");
        await scratch.ExecuteAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {victim}""");
        (await scratch.VerifyAsync()).BrokenAtId.ShouldBe(next);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Administrators_read_and_filter_the_log_and_nobody_else_can(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var html = await (await app.As("admin")).GetHtmlAsync($"/Admin/Audit?type=Household&id={household.Id}");
        html.ShouldContain($"Household #{household.Id}");
        html.ShouldContain("បានបង្កើត");
        (await (await app.As("admin")).GetHtmlAsync("/Admin/Audit?from=2999-01-01")).ShouldContain("គ្មានកំណត់ត្រាត្រូវនឹងតម្រងទាំងនេះទេ។");
        await (await app.As("ouchar.ccwc")).GetHtmlAsync("/Admin/Audit", HttpStatusCode.Forbidden);
        await (await app.As("researcher")).GetHtmlAsync("/Admin/Audit", HttpStatusCode.Forbidden);
    }

    /// <summary>A database of its own for tests that tamper with the audit table.</summary>
    private sealed class ScratchDatabase : IAsyncDisposable
    {
        private readonly string provider;
        private readonly string? file;
        private readonly string? pgName;

        private ScratchDatabase(string provider, string connectionString, string? file, string? pgName)
        {
            this.provider = provider;
            ConnectionString = connectionString;
            this.file = file;
            this.pgName = pgName;
        }

        public string ConnectionString { get; }

        public static async Task<ScratchDatabase> CreateAsync(string provider)
        {
            if (provider == Db.Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), $"hive-audit-{Guid.NewGuid():N}.db");
                return new ScratchDatabase(provider, $"Data Source={file};Pooling=False", file, null);
            }
            var name = $"hive_audit_{Guid.NewGuid():N}";
            await using var conn = new NpgsqlConnection(Apps.PostgresServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
            var cs = new NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Database = name, Pooling = false }.ConnectionString;
            return new ScratchDatabase(provider, cs, null, name);
        }

        private System.Data.Common.DbConnection Open() =>
            provider == Db.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);

        public async Task<long> ScalarAsync(string sql)
        {
            await using var conn = Open();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var conn = Open();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync();
        }

        public async Task<AuditChain.Verification> VerifyAsync()
        {
            var services = new ServiceCollection();
            if (provider == Db.Sqlite)
                services.AddDbContext<HiveDbContext, SqliteHiveDbContext>(o => o.UseSqlite(ConnectionString));
            else
                services.AddDbContext<HiveDbContext, PostgresHiveDbContext>(o => o.UseNpgsql(ConnectionString));
            await using var sp = services.BuildServiceProvider();
            await using var scope = sp.CreateAsyncScope();
            return await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<HiveDbContext>());
        }

        public async ValueTask DisposeAsync()
        {
            if (file is not null)
            {
                File.Delete(file);
                return;
            }
            await Apps.DropDatabaseAsync(pgName!);
        }
    }
}
