using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// /Admin/Geography/Import: a preview of what the official gazetteer changes (new villages, new names, places gone, and
/// places kept because records refer to them), the import in one go, and the same file again changing nothing.
/// The demo's commune Sla Kaet (020306) has four villages; the test gives the fourth a household.
/// </summary>
public sealed class GazetteerImportTests(Apps apps)
{
    private const string Page = "/Admin/Geography/Import";
    private const string Header = "Type,Code,Name (Khmer),Name (Latin)";
    private const string NewVillage = "02030698";

    private static async Task<(string Url, string Html)> CheckAsync(HttpClient admin, string csv)
    {
        var posted = await admin.UploadAsync(Page, "gazetteer.csv", Encoding.UTF8.GetBytes(csv));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = posted.Headers.Location!.OriginalString;
        return (url, await admin.GetHtmlAsync(url));
    }

    private static Task<HttpResponseMessage> RunAsync(HttpClient admin, string url, string html) =>
        admin.PostFormFromAsync(url.Replace(Page + "?", Page + "?handler=Run&", StringComparison.Ordinal), html, []);

    private static Task<int> PlaceAuditAsync(HiveApp app) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action != "Read" && (a.EntityType == "Village" || a.EntityType == "Commune")));

    /// <summary>Sla Kaet's villages as a gazetteer file: the second renamed when asked, the fourth left out, a new one when asked.</summary>
    private static string File(bool rename, bool withNew) => string.Join('\n',
    [
        Header,
        "Sangkat,20306,ស្លាកែត,Sla Kaet",
        "Phum,2030601,ស្លាកែត ១,Sla Kaet 1",
        rename ? "Phum,02030602,ភូមិថ្មីស្លាកែត,Phum Thmei Sla Kaet" : "Phum,02030602,ស្លាកែត ២,Sla Kaet 2",
        "Phum,02030603,ស្លាកែត ៣,Sla Kaet 3",
        withNew ? $"Phum,{NewVillage},ភូមិសាកល្បង,Phum Sakol Lbong" : "",
        "Phum,05010101,ភូមិក្រៅ,Outside",
    ]);

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_preview_shows_new_renamed_and_kept_places_and_a_second_import_changes_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        // The fourth village has a household (the demo may have left it empty).
        await app.WithDbAsync(async db =>
        {
            var village = await db.Villages.SingleAsync(v => v.Code == "02030604");
            if (!await db.Households.AnyAsync(h => h.VillageId == village.Id))
            {
                db.Households.Add(new Domain.Household { VillageId = village.Id, CreatedAt = Infrastructure.TestClock.UtcNow, Address = "Gazetteer test" });
                await db.SaveChangesAsync();
            }
        });

        // Leading zeros lost by a spreadsheet (20306, 2030601) are put back; the fourth village has households: kept.
        var (url, html) = await CheckAsync(admin, File(rename: true, withNew: true));
        html.ShouldContain("ភូមិថ្មីស្លាកែត");
        html.ShouldContain(NewVillage);
        html.ShouldContain("02030604");
        html.ShouldContain("handler=Run");
        (await app.WithDbAsync(db => db.Villages.AnyAsync(v => v.Code == NewVillage))).ShouldBeFalse("the preview saves nothing");

        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await app.WithDbAsync(db => db.Villages.AsNoTracking().Where(v => v.Code.StartsWith("020306")).OrderBy(v => v.Code).ToListAsync());
        after.Select(v => v.Code).ShouldBe(["02030601", "02030602", "02030603", "02030604", NewVillage]);
        after.Single(v => v.Code == "02030602").NameKm.ShouldBe("ភូមិថ្មីស្លាកែត");
        after.Single(v => v.Code == NewVillage).NameEn.ShouldBe("Phum Sakol Lbong");
        (await app.WithDbAsync(db => db.Villages.AnyAsync(v => v.Code == "05010101"))).ShouldBeFalse("a place outside the communes served is not added");

        // The old names back and the new village gone from the file: renamed back, and removed (nothing refers to it).
        (url, html) = await CheckAsync(admin, File(rename: false, withNew: false));
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var codes = await app.WithDbAsync(db => db.Villages.Where(v => v.Code.StartsWith("020306")).OrderBy(v => v.Code).Select(v => v.Code).ToListAsync());
        codes.ShouldBe(["02030601", "02030602", "02030603", "02030604"]);

        // The same file again: the preview has nothing to do, and an import writes no row and no audit entry.
        var audited = await PlaceAuditAsync(app);
        (url, html) = await CheckAsync(admin, File(rename: false, withNew: false));
        html.ShouldNotContain("ភូមិថ្មីស្លាកែត");
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PlaceAuditAsync(app)).ShouldBe(audited);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_file_with_a_bad_code_a_missing_name_or_a_code_twice_is_refused_row_by_row_and_saves_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var csv = string.Join('\n',
            Header,
            "Phum,02030601,ស្លាកែតថ្មី,Renamed",
            "Phum,123456789,ភូមិ,Nine digits",
            "Phum,02030603,,No Khmer name",
            "Phum,02030601,ស្លាកែត ១,Twice");
        var (url, html) = await CheckAsync(admin, csv);
        html.ShouldContain("<td>3</td><td>Code</td><td>មិនមែនជាលេខកូដភូមិសាស្ត្រ៖ ត្រូវមាន ២ ៤ ៦ ឬ ៨ ខ្ទង់។</td>");
        html.ShouldContain("<td>4</td><td>Name (Khmer)</td><td>ខ្វះឈ្មោះ។</td>");
        html.ShouldContain("<td>5</td><td>Code</td><td>លេខកូដនេះមាននៅជួរមុនរួចហើយ។</td>");
        html.ShouldNotContain("handler=Run");
        (await RunAsync(admin, url, html)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Villages.SingleAsync(v => v.Code == "02030601"))).NameKm.ShouldBe("ស្លាកែត ១");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    public async Task A_file_without_a_code_column_or_not_a_sheet_gets_a_message_not_an_error_page(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var (_, html) = await CheckAsync(admin, "Village,Name\nX,Y");
        html.ShouldContain("ឯកសារគ្មានជួរឈរលេខកូដទេ");

        var posted = await admin.UploadAsync(Page, "gazetteer.xlsx", [0x50, 0x4B, 0x03, 0x04, 0xFF]);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("មិនអាចអានឯកសារបានទេ");
    }
}
