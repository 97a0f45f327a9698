using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Exports;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class ExportTests(Apps apps)
{
    private static List<Dictionary<string, string>> Csv(byte[] bytes)
    {
        var text = new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        // No field exported here spans lines; commas and quotes inside quoted fields are handled.
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Fields(lines[0]);
        return lines.Skip(1).Select(Fields).Select(f => header.Zip(f).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_commune_export_holds_only_its_households_in_csv_and_xlsx_and_is_audited(string provider)
    {
        var app = await apps.Get(provider);
        var mine = await app.UniqueHouseholdAsync("02030905");
        var svayPao = await app.SvayPaoHouseholdAsync();
        var ccwc = await app.As("ouchar.ccwc");
        // Counted by format: the authorisation matrix, run beside this test on the same app, exports csv as ouchar.ccwc too
        // (never xlsx), so the csv count may grow by more than this test's one export.
        Task<int> Audits(string format) => app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Export" && a.UserName == "ouchar.ccwc"
            && a.EntityType == "Households" && a.Changes!.Contains("\"Format\":\"" + format + "\"")));
        var (csvBefore, xlsxBefore) = (await Audits("csv"), await Audits("xlsx"));

        var csv = await ccwc.GetAsync("/Exports/Households?format=csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = Csv(await csv.Content.ReadAsByteArrayAsync());
        rows.ShouldAllBe(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        rows.ShouldContain(r => r["Id"] == mine.Id.ToString(CultureInfo.InvariantCulture) && r["Phone"] == mine.Phone);
        rows.ShouldNotContain(r => r["Id"] == svayPao.Id.ToString(CultureInfo.InvariantCulture));

        var xlsx = await ccwc.GetAsync("/Exports/Households?format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet("Households");
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var code = headers.IndexOf("VillageCode") + 1;
        var phone = headers.IndexOf("Phone") + 1;
        var id = headers.IndexOf("Id") + 1;
        var data = sheet.RowsUsed().Skip(1).ToList();
        data.ShouldAllBe(r => r.Cell(code).GetString().StartsWith(DemoGeography.OuCharCode));
        var row = data.Single(r => r.Cell(id).GetString() == mine.Id.ToString(CultureInfo.InvariantCulture));
        // The phone keeps its leading zero: text, not a number.
        row.Cell(phone).GetString().ShouldBe(mine.Phone);

        (await Audits("xlsx")).ShouldBe(xlsxBefore + 1);
        (await Audits("csv")).ShouldBeGreaterThanOrEqualTo(csvBefore + 1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Referral_and_case_exports_stay_in_scope_and_field_workers_and_researchers_get_none(string provider)
    {
        var app = await apps.Get(provider);
        var svayPaoCase = await app.NewCaseAsync("02030201", "svaypao.vbsw1");
        var ouCharCase = await app.NewCaseAsync("02030904", "ouchar.vbsw2");
        var senior = await app.As("ouchar.senior");
        var cases = Csv(await (await senior.GetAsync("/Exports/Cases?format=csv")).Content.ReadAsByteArrayAsync());
        cases.ShouldAllBe(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        cases.ShouldContain(r => r["Id"] == ouCharCase.ToString(CultureInfo.InvariantCulture));
        cases.ShouldNotContain(r => r["Id"] == svayPaoCase.ToString(CultureInfo.InvariantCulture));
        var referrals = Csv(await (await senior.GetAsync("/Exports/Referrals?format=csv")).Content.ReadAsByteArrayAsync());
        referrals.ShouldAllBe(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        referrals.Count(r => r["ReceivedAt"].StartsWith("2023")).ShouldBe(64);

        (await (await app.As("ouchar.vbsw1")).GetAsync("/Exports/Households?format=csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.As("researcher")).GetAsync("/Exports/Households?format=csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.As("researcher")).GetAsync("/Exports/Cases?format=xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await senior.GetAsync("/Exports/Cases?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_research_export_has_no_names_phones_or_birth_dates_and_only_consenting_families(string provider)
    {
        var app = await apps.Get(provider);
        // The demo's Ou Char high-risk families: all but three agreed to research.
        var families = await app.WithDbAsync(db => db.ConsentRecords.Where(c => c.Use == ConsentUse.Research && c.PersonId == null && c.Household!.Village!.Commune!.Code == DemoGeography.OuCharCode)
            .Select(c => new { c.HouseholdId, c.Given, c.RecordedAt }).ToListAsync());
        var latest = families.GroupBy(f => f.HouseholdId).Select(g => g.OrderByDescending(f => f.RecordedAt).First()).ToList();
        var consenting = latest.Where(f => f.Given).Select(f => f.HouseholdId).ToList();
        var refusing = latest.Where(f => !f.Given).Select(f => f.HouseholdId).ToList();
        consenting.ShouldNotBeEmpty();
        refusing.ShouldNotBeEmpty();
        var people = await app.WithDbAsync(db => db.Persons.Where(p => consenting.Contains(p.HouseholdId))
            .Select(p => new { p.FamilyNameKm, p.GivenNameKm, p.GivenNameLatin, p.DateOfBirth, p.Household!.Phone }).ToListAsync());

        var researcher = await app.As("researcher");
        var auditsBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Export" && a.UserName == "researcher" && a.EntityType == "Research"));
        var texts = new List<string>();
        foreach (var table in new[] { "households", "persons", "surveys" })
        {
            var response = await researcher.GetAsync($"/Exports/Research?format=csv&table={table}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            texts.Add(await response.Content.ReadAsStringAsync());
        }
        var xlsx = await researcher.GetAsync("/Exports/Research?format=xlsx");
        using (var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            foreach (var ws in book.Worksheets)
                texts.Add(string.Join("\n", ws.RowsUsed().Select(r => string.Join(",", r.CellsUsed().Select(c => c.GetString())))));
        }
        var all = string.Join("\n", texts);

        foreach (var p in people)
        {
            all.ShouldNotContain(p.GivenNameKm);
            if (p.GivenNameLatin is { Length: > 3 } latin) all.ShouldNotContain("," + latin);
            if (p.DateOfBirth is { } dob) all.ShouldNotContain(dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (p.Phone is { } phone) all.ShouldNotContain(phone);
        }
        all.ShouldNotContain("Phone");
        all.ShouldNotContain("DateOfBirth");

        // Pseudonyms are stable: the study recognises consenting families, and never sees the others.
        var (yes, no) = await PseudonymsAsync(app, consenting, refusing);
        yes.ShouldAllBe(p => texts[0].Contains(p));
        no.ShouldAllBe(p => !all.Contains(p));
        var again = await (await researcher.GetAsync("/Exports/Research?format=csv&table=households")).Content.ReadAsStringAsync();
        // Other tests open cases and record consent meanwhile (the rows' counts may move): the pseudonyms stay the same.
        static string[] Pseudonyms(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Pseudonyms(texts[0]).ShouldNotBeEmpty();
        Pseudonyms(texts[0]).ShouldBeSubsetOf(Pseudonyms(again));

        var auditsAfter = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Export" && a.UserName == "researcher" && a.EntityType == "Research"));
        auditsAfter.ShouldBe(auditsBefore + 5);
        (await researcher.GetAsync("/Exports/Research?format=csv&table=names")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await app.As("ouchar.ccwc")).GetAsync("/Exports/Research?format=csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Service_and_attendance_exports_hold_only_the_communes_rows(string provider)
    {
        var app = await apps.Get(provider);
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2024, 1, 1);
        var ccwc = await app.As("ouchar.ccwc");
        var services = Csv(await (await ccwc.GetAsync("/Exports/Services?format=csv")).Content.ReadAsByteArrayAsync());
        services.ShouldNotBeEmpty();
        services.ShouldAllBe(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        var sent2023 = await app.WithDbAsync(db => db.ServiceReferrals.CountAsync(r => r.Case!.Village!.Commune!.Code == DemoGeography.OuCharCode
            && r.SentAt >= new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc) && r.SentAt < new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        services.Count(r => r["SentAt"].StartsWith("2023")).ShouldBe(sent2023);

        var xlsx = await ccwc.GetAsync("/Exports/Attendance?format=xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var marks = book.Worksheet("ProgrammeAttendance");
        var headers = marks.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var date = headers.IndexOf("Date") + 1;
        var code = headers.IndexOf("VillageCode") + 1;
        var rows = marks.RowsUsed().Skip(1).ToList();
        rows.ShouldAllBe(r => r.Cell(code).GetString().StartsWith(DemoGeography.OuCharCode));
        var marks2023 = await app.WithDbAsync(db => db.ProgrammeAttendance.CountAsync(a => a.Enrolment!.Programme!.Commune!.Code == DemoGeography.OuCharCode && a.Date >= from && a.Date < to));
        marks2023.ShouldBeGreaterThan(0);
        rows.Count(r => r.Cell(date).GetString().StartsWith("2023")).ShouldBe(marks2023);
        book.Worksheets.Select(w => w.Name).ShouldContain("ActivityAttendance");

        var activities = Csv(await (await ccwc.GetAsync("/Exports/Attendance?format=csv&table=activities")).Content.ReadAsByteArrayAsync());
        activities.ShouldAllBe(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));

        // Another commune's export holds none of Ou Char's rows; a bad table name is refused.
        var svayPao = await app.As("svaypao.ccwc");
        var theirs = Csv(await (await svayPao.GetAsync("/Exports/Attendance?format=csv")).Content.ReadAsByteArrayAsync());
        theirs.ShouldNotContain(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        var theirServices = Csv(await (await svayPao.GetAsync("/Exports/Services?format=csv")).Content.ReadAsByteArrayAsync());
        theirServices.ShouldNotContain(r => r["VillageCode"].StartsWith(DemoGeography.OuCharCode));
        (await ccwc.GetAsync("/Exports/Attendance?format=csv&table=names")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await app.As("ouchar.vbsw1")).GetAsync("/Exports/Attendance?format=csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Export" && a.UserName == "ouchar.ccwc" && a.EntityType == "Attendance"))).ShouldBeGreaterThanOrEqualTo(2);
    }

    private static async Task<(List<string> Yes, List<string> No)> PseudonymsAsync(HiveApp app, List<int> yes, List<int> no)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var pseudonyms = scope.ServiceProvider.GetRequiredService<Pseudonyms>();
        await pseudonyms.LoadAsync();
        return (yes.Select(id => pseudonyms.Of("household", id)).ToList(), no.Select(id => pseudonyms.Of("household", id)).ToList());
    }
}
