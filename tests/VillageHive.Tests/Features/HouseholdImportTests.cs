using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>/Admin/Import: a file's dry run, its import in one go, and a second import that changes nothing.</summary>
public sealed class HouseholdImportTests(Apps apps)
{
    private const string Page = "/Admin/Import";
    private const string Header = "household_id,person_id,នាមត្រកូល,នាមខ្លួន,Family name,Given name,Sex,Date of birth,Age,Relation,Phone,Village,IDPoor level,IDPoor card";

    // Messages in Khmer, the test users' language.
    private const string UnknownVillage = "គ្មានភូមិណាមានលេខកូដ ឬឈ្មោះនេះទេ។";
    private const string FutureDate = "កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ។";
    private const string NegativeAge = "អាយុមិនអាចជាលេខអវិជ្ជមានបានទេ។";
    private const string NameMissing = "ខ្វះឈ្មោះ។";

    /// <summary>Uploads the file as the form does and follows the redirect to its dry run; returns the run's address and page.</summary>
    private static async Task<(string Url, string Html)> CheckAsync(HttpClient admin, string csv)
    {
        var posted = await admin.UploadAsync(Page, "households.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv)]);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = posted.Headers.Location!.OriginalString;
        return (url, await admin.GetHtmlAsync(url));
    }

    private static async Task<HttpResponseMessage> RunAsync(HttpClient admin, string url, string html) =>
        await admin.PostFormFromAsync(url.Replace("/Admin/Import?", "/Admin/Import?handler=Run&", StringComparison.Ordinal), html, []);

    private static Task<int> CountAsync(HiveApp app, string prefix) =>
        app.WithDbAsync(db => db.Persons.IgnoreQueryFilters().CountAsync(p => p.ExternalId != null && p.ExternalId.StartsWith(prefix)));

    /// <summary>Audit entries of the households and persons whose external ids start with the prefix.</summary>
    private static Task<int> AuditCountAsync(HiveApp app, string prefix) => app.WithDbAsync(async db =>
    {
        var persons = await db.Persons.Where(p => p.ExternalId!.StartsWith(prefix)).Select(p => p.Id.ToString()).ToListAsync();
        var households = await db.Households.Where(h => h.ExternalId!.StartsWith(prefix)).Select(h => h.Id.ToString()).ToListAsync();
        return await db.AuditEntries.CountAsync(a => a.Action != "Read"
            && ((a.EntityType == "Person" && persons.Contains(a.EntityId)) || (a.EntityType == "Household" && households.Contains(a.EntityId))));
    });

    private static string Unique() => "T" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_file_with_errors_lists_them_by_row_and_column_and_saves_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var u = Unique();
        var csv = $"""
            {Header}
            {u}-A,{u}-A1,សុខ,ល្អ,Sok,Laor,M,1980-01-01,,head,012345678,02030901,1,
            {u}-B,{u}-B1,សុខ,ដារ៉ា,,,M,,40,head,,02039999,,
            {u}-C,{u}-C1,កែវ,សុភា,,,F,2027-01-01,,head,,02030901,,
            {u}-D,{u}-D1,ចាន់,ធី,,,F,,-3,head,,02030902,,
            {u}-E,{u}-E1,,,,,F,,30,head,,02030903,,
            """;
        var (url, html) = await CheckAsync(admin, csv);
        html.ShouldContain($"<td>3</td><td>Village</td><td>{UnknownVillage}</td>");
        html.ShouldContain($"<td>4</td><td>Date of birth</td><td>{FutureDate}</td>");
        html.ShouldContain($"<td>5</td><td>Age</td><td>{NegativeAge}</td>");
        html.ShouldContain($"<td>6</td><td>នាមខ្លួន</td><td>{NameMissing}</td>");
        html.ShouldNotContain("handler=Run");

        // Posting the import anyway saves nothing, not even the good first row.
        var run = await RunAsync(admin, url, html);
        run.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync(app, u)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Households.CountAsync(h => h.ExternalId!.StartsWith(u)))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_file_imports_once_again_changes_nothing_and_an_updated_file_updates_the_changed_person(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var u = Unique();
        var csv = $"""
            {Header}
            {u}-A,{u}-A1,{u}សុខ,ដារ៉ា,Sok,Dara,M,1980-05-01,,head,012 345 678,02030901,1,IDP-{u}
            {u}-A,{u}-A2,{u}សុខ,ស្រីមុំ,Sok,Sreymom,F,,8,child,,02030901,,
            {u}-B,{u}-B1,{u}កែវ,សុភា,Keo,Sophea,ស្រី,,45,មេគ្រួសារ,,Ou Char 2,2,
            """;
        var (url, html) = await CheckAsync(admin, csv);
        html.ShouldContain("handler=Run");
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await CountAsync(app, u)).ShouldBe(3);
        var household = await app.WithDbAsync(db => db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.ExternalId == $"{u}-A"));
        household.IdPoor.ShouldBe(Domain.IdPoorStatus.Level1);
        household.IdPoorCard.ShouldBe($"IDP-{u}");
        household.Phone.ShouldBe("012345678");
        household.HeadNameKm.ShouldContain("ដារ៉ា");
        household.Members.Single(m => m.ExternalId == $"{u}-A2").EstimatedBirthYear.ShouldBe(Infrastructure.TestClock.Today.Year - 8);
        var audited = await AuditCountAsync(app, u);
        audited.ShouldBeGreaterThan(0);

        // The same file again: every row unchanged, no row written, nothing in the audit log.
        (url, html) = await CheckAsync(admin, csv);
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AuditCountAsync(app, u)).ShouldBe(audited);
        var versions = await app.WithDbAsync(db => db.Persons.Where(p => p.ExternalId!.StartsWith(u)).Select(p => p.Version).ToListAsync());
        versions.ShouldAllBe(v => v == 0);

        // One person's date of birth corrected: that person alone changes, with one audit entry.
        var updated = csv.Replace("Sreymom,F,,8,", "Sreymom,F,2018-02-03,,", StringComparison.Ordinal);
        (url, html) = await CheckAsync(admin, updated);
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AuditCountAsync(app, u)).ShouldBe(audited + 1);
        var child = await app.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.ExternalId == $"{u}-A2"));
        child.DateOfBirth.ShouldBe(new DateOnly(2018, 2, 3));
        (await app.WithDbAsync(db => db.Persons.Where(p => p.ExternalId!.StartsWith(u) && p.Version > 0).CountAsync())).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Columns_chosen_for_a_file_are_kept_for_the_next_one(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var u = Unique();
        // Headers the default mapping does not know (so that this test's saved mapping touches no other test's file).
        var csv = $"""
            Kruosar {u},Trakoul {u},Chhmuos {u},Phet {u},Ayu {u},Tomnak {u},Phum {u}
            {u}-A,សុខ,ដារ៉ា,M,40,head,02030904
            """;
        var (url, html) = await CheckAsync(admin, csv);
        html.ShouldNotContain("handler=Run");
        var fields = new[] { "HouseholdId", "FamilyNameKm", "GivenNameKm", "Sex", "Age", "RelationToHead", "Village" };
        var mapped = await admin.PostFormFromAsync(url.Replace("/Admin/Import?", "/Admin/Import?handler=Mapping&", StringComparison.Ordinal), html,
            fields.Select((f, i) => (f, i)).ToDictionary(x => $"map[{x.i}]", x => x.f));
        mapped.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetHtmlAsync(mapped.Headers.Location!.OriginalString)).ShouldContain("handler=Run");

        // The next file with the same headers is read with the saved columns straight away.
        (url, html) = await CheckAsync(admin, csv);
        html.ShouldContain("handler=Run");
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync(app, u)).ShouldBe(1);
    }

    [Fact]
    public async Task The_command_line_import_checks_saves_and_changes_nothing_the_second_time()
    {
        var db = Path.Combine(Path.GetTempPath(), $"hive-import-{Guid.NewGuid():N}.db");
        var good = Path.ChangeExtension(db, ".csv");
        var bad = Path.ChangeExtension(db, ".bad.csv");
        var cs = $"Data Source={db};Pooling=False";
        string[] Args(string file, params string[] more) => ["import", "households", file, "--provider", "Sqlite", "--connection", cs, .. more];
        try
        {
            (await global::VillageHive.Infrastructure.Cli.RunAsync(["seed", "--provider", "Sqlite", "--connection", cs, "--demo-password", "cli-demo-passphrase"])).ShouldBe(0);
            await File.WriteAllTextAsync(good, $"{Header}\nC1,C1-1,សុខ,ដារ៉ា,,,M,,40,head,,02030901,,\nC1,C1-2,សុខ,នី,,,F,,38,spouse,,,,\n");
            await File.WriteAllTextAsync(bad, $"{Header}\nC2,C2-1,សុខ,ដារ៉ា,,,M,,-1,head,,02030901,,\n");
            (await global::VillageHive.Infrastructure.Cli.RunAsync(Args(bad))).ShouldBe(1);
            (await global::VillageHive.Infrastructure.Cli.RunAsync(Args(good, "--dry-run", "--commune", "020309"))).ShouldBe(0);
            (await global::VillageHive.Infrastructure.Cli.RunAsync(Args(good, "--commune", "020309"))).ShouldBe(0);
            var first = await CountsAsync(cs);
            first.Persons.ShouldBe(2);
            (await global::VillageHive.Infrastructure.Cli.RunAsync(Args(good))).ShouldBe(0);
            (await CountsAsync(cs)).ShouldBe(first, "the second import wrote nothing, so audited nothing");
            (await global::VillageHive.Infrastructure.Cli.RunAsync(Args(good, "--commune", "999999"))).ShouldBe(2);
        }
        finally
        {
            File.Delete(db);
            File.Delete(good);
            File.Delete(bad);
        }
    }

    /// <summary>Imported persons, and audit entries that are not reads.</summary>
    private static async Task<(int Persons, int Audit)> CountsAsync(string cs)
    {
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new Microsoft.Data.Sqlite.SqliteCommand(
            "select (select count(*) from \"Persons\" where \"ExternalId\" like 'C%'), (select count(*) from \"AuditEntries\" where \"Action\" <> 'Read')", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt32(0), r.GetInt32(1));
    }
}
