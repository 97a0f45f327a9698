using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class GeographyTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_demo_district_has_ten_communes_sixty_two_villages_and_the_Hive_stages(string provider)
    {
        var app = await apps.Get(provider);
        var html = await (await app.As("admin")).GetHtmlAsync("/Admin/Geography");
        html.ShouldContain("10 ឃុំ");
        // Another test adds villages numbered 0203069x; the seeded ones are the 62 others.
        (await app.WithDbAsync(db => db.Villages.CountAsync(v => !v.Code.StartsWith("0203069")))).ShouldBe(62);
        var hives = await app.WithDbAsync(db => db.Hives.AsNoTracking().Include(h => h.Commune).ToListAsync());
        var ouChar = hives.Single(h => h.Commune!.Code == DemoGeography.OuCharCode);
        ouChar.Status.ShouldBe(HiveStatus.HandedOver);
        ouChar.HandedOverOn.ShouldBe(new DateOnly(2022, 12, 15));
        hives.Single(h => h.Commune!.Code == DemoGeography.SvayPaoCode).OperatingFrom!.Value.Year.ShouldBe(2023);
        (await app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.Commune!.Code == DemoGeography.OuCharCode))).ShouldBeGreaterThanOrEqualTo(300);
        (await app.WithDbAsync(db => db.Households.CountAsync(h => h.Village!.Commune!.Code == DemoGeography.SvayPaoCode))).ShouldBeGreaterThanOrEqualTo(300);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Only_an_administrator_manages_geography(string provider)
    {
        var app = await apps.Get(provider);
        foreach (var user in new[] { "ouchar.ccwc", "district.manager", "svaypao.vbsw1" })
            await (await app.As(user)).GetHtmlAsync("/Admin/Geography", HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Setting_a_planned_commune_to_co_creation_saves_the_stage(string provider)
    {
        var app = await apps.Get(provider);
        // Ou Mal: no other test reads its stage (HivesTests counts on Tuol Ta Aek, 020301, staying late).
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == "020308").Select(c => new { c.Id, c.Version, c.NameKm, c.NameEn }).SingleAsync());
        var response = await (await app.As("admin")).PostFormAsync($"/Admin/Geography/Communes/{commune.Id}", new()
        {
            ["Input.NameKm"] = commune.NameKm, ["Input.NameEn"] = commune.NameEn, ["Input.Status"] = "CoCreation",
            ["Input.PlannedYear"] = "2027", ["Input.CoCreationFrom"] = "2026-10-01", ["Input.Version"] = commune.Version.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var hive = await app.WithDbAsync(db => db.Hives.SingleAsync(h => h.CommuneId == commune.Id));
        hive.Status.ShouldBe(HiveStatus.CoCreation);
        hive.CoCreationFrom.ShouldBe(new DateOnly(2026, 10, 1));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_handed_over_stage_without_its_date_or_an_empty_name_is_refused(string provider)
    {
        var app = await apps.Get(provider);
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == "020303").Select(c => new { c.Id, c.Version, c.NameEn }).SingleAsync());
        var response = await (await app.As("admin")).PostFormAsync($"/Admin/Geography/Communes/{commune.Id}", new()
        {
            ["Input.NameKm"] = "", ["Input.NameEn"] = commune.NameEn, ["Input.Status"] = "HandedOver",
            ["Input.PlannedYear"] = "1999", ["Input.Version"] = commune.Version.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("ត្រូវបំពេញព័ត៌មាននេះ។");
        html.ShouldContain("សូមបញ្ចូលឆ្នាំចន្លោះ");
        (await app.WithDbAsync(db => db.Hives.Where(h => h.CommuneId == commune.Id).Select(h => h.Status).SingleAsync())).ShouldBe(HiveStatus.Planned);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Adding_a_village_needs_a_new_code_that_starts_with_the_communes(string provider)
    {
        var app = await apps.Get(provider);
        var communeId = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == "020306").Select(c => c.Id).SingleAsync());
        var admin = await app.As("admin");
        var url = $"/Admin/Geography/Villages?communeId={communeId}";
        var taken = await admin.PostFormAsync(url, new() { ["Input.Code"] = "02030601", ["Input.NameKm"] = "ភូមិថ្មី", ["Input.NameEn"] = "New", ["CommuneId"] = communeId.ToString() });
        (await taken.Content.ReadAsStringAsync()).ShouldContain("មានភូមិផ្សេងប្រើលេខកូដនេះរួចហើយ។");
        var wrong = await admin.PostFormAsync(url, new() { ["Input.Code"] = "99999999", ["Input.NameKm"] = "ភូមិថ្មី", ["Input.NameEn"] = "New", ["CommuneId"] = communeId.ToString() });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("លេខកូដភូមិត្រូវចាប់ផ្ដើមដោយលេខកូដឃុំ។");
        var code = "0203069" + (provider == Db.Sqlite ? "1" : "2");
        var ok = await admin.PostFormAsync(url, new() { ["Input.Code"] = code, ["Input.NameKm"] = "ភូមិថ្មី", ["Input.NameEn"] = "Sla Kaet New", ["CommuneId"] = communeId.ToString() });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Villages.SingleAsync(v => v.Code == code))).CommuneId.ShouldBe(communeId);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Unknown_commune_or_village_is_404(string provider)
    {
        var admin = await (await apps.Get(provider)).As("admin");
        await admin.GetHtmlAsync("/Admin/Geography/Communes/99999", HttpStatusCode.NotFound);
        await admin.GetHtmlAsync("/Admin/Geography/Villages/99999", HttpStatusCode.NotFound);
        await admin.GetHtmlAsync("/Admin/Geography/Villages?communeId=99999", HttpStatusCode.NotFound);
    }
}
