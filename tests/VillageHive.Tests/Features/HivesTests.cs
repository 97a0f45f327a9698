using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// /Hives (issue 22, part 3): the rollout plan against reality (a commune past its planned year without starting is late),
/// the readiness checklist confirmed by the commune and reviewed by the district (each step audited), the stages as a
/// dated history, and every list kept to the caller's scope. Tests write only on communes no other test reads.
/// </summary>
public sealed class HivesTests(Apps apps)
{
    private static Task<int> CommuneAsync(HiveApp app, string code) =>
        app.WithDbAsync(db => db.Communes.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_district_sees_the_rollout_to_2032_with_late_communes_and_a_commune_sees_only_its_own(string provider)
    {
        var app = await apps.Get(provider);
        var district = await (await app.As("district.manager")).GetHtmlAsync("/Hives");
        // Ten communes; Tuol Ta Aek was planned for 2025 and has not started (the clock is in 2026): late. Prek Preah
        // Sdach's year (2026) is not over, Ou Char and Svay Pao started.
        district.ShouldContain("data-rollout=\"020310\"");
        district.ShouldContain("data-late=\"020301\"");
        district.ShouldNotContain("data-late=\"020303\"");
        district.ShouldNotContain("data-late=\"020309\"");
        district.ShouldContain("2032");
        district.ShouldContain("data-readiness=\"020309\">បានបញ្ជាក់ 8 ");

        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        var tuol = await CommuneAsync(app, "020301");
        var ccwc = await app.As("ouchar.ccwc");
        var own = await ccwc.GetHtmlAsync("/Hives");
        own.ShouldContain("data-commune=\"020309\"");
        own.ShouldNotContain("data-commune=\"020302\"");
        (await ccwc.GetAsync($"/Hives/{tuol}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Ou Char's history: co-creation October 2020, operating January 2022, handed over December 2022.
        var page = await ccwc.GetHtmlAsync($"/Hives/{ouChar}");
        page.ShouldContain("datetime=\"2020-10-01\"");
        page.ShouldContain("datetime=\"2022-12-15\"");
        page.ShouldNotContain("id=\"hive-late\"");
        // The Hive computes what it can beside the confirmations: every Ou Char village has a service mapped to it.
        page.ShouldContain("data-fact=\"ServicesMapped\"");
        page.ShouldContain("data-evidence=\"BudgetLine\"");
        (await (await app.As("district.manager")).GetHtmlAsync($"/Hives/{tuol}")).ShouldContain("id=\"hive-late\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_commune_confirms_an_item_the_district_reviews_it_and_the_audit_log_keeps_both(string provider)
    {
        var app = await apps.Get(provider);
        // Sla Kaet: a commune no other test writes readiness for.
        var commune = await CommuneAsync(app, "020306");
        var ccwc = "hives.ccwc." + Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync(ccwc, Roles.Ccwc, district: true);
        var url = $"/Hives/{commune}/Items/FirstConsultation";
        var client = await app.SignInAsync(ccwc, Db.DemoPassword);
        await app.WithDbAsync(async db =>
        {
            await db.ReadinessConfirmations.Where(r => r.CommuneId == commune).ExecuteDeleteAsync();
        });

        // An empty piece of evidence: refused, nothing kept.
        var empty = await client.PostFormAsync(url, new() { ["Evidence"] = "  ", ["Version"] = "0" });
        empty.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("សូមសរសេរភស្តុតាងសម្រាប់ចំណុចនេះ។");
        (await app.WithDbAsync(db => db.ReadinessConfirmations.CountAsync(r => r.CommuneId == commune))).ShouldBe(0);

        // A district manager does not confirm, a commune official of another commune cannot reach it.
        (await (await app.As("district.manager")).PostFormAsync(url, new() { ["Evidence"] = "x", ["Version"] = "0" }, formPage: $"/Hives/{commune}"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.As("ouchar.chief")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var before = TestClock.UtcNow.AddSeconds(-1);
        (await client.PostFormAsync(url, new() { ["Evidence"] = "ការពិគ្រោះយោបល់នៅភូមិទាំង ៤ ខែមីនា", ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = await app.WithDbAsync(db => db.ReadinessConfirmations.AsNoTracking().SingleAsync(r => r.CommuneId == commune && r.Item == ReadinessItem.FirstConsultation));
        row.ConfirmedBy.ShouldBe(ccwc);
        row.ConfirmedAt.ShouldBeGreaterThanOrEqualTo(before);
        row.ReviewedAt.ShouldBeNull();

        var manager = await app.As("district.manager");
        var review = $"/Hives/{commune}/Items/FirstConsultation/Review";
        // A stale version is not reviewed.
        (await manager.PostFormAsync(review, new() { ["Version"] = (row.Version + 5).ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await manager.PostFormAsync(review, new() { ["Version"] = row.Version.ToString(CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reviewed = await app.WithDbAsync(db => db.ReadinessConfirmations.AsNoTracking().SingleAsync(r => r.Id == row.Id));
        reviewed.ReviewedBy.ShouldBe("district.manager");

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ReadinessConfirmation) && a.EntityId == row.Id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => new { a.UserName, a.Action }).ToListAsync());
        audit.Select(a => (a.UserName, a.Action)).ShouldBe([(ccwc, "Create"), ("district.manager", "Update")]);
        var page = await manager.GetHtmlAsync($"/Hives/{commune}");
        page.ShouldContain("data-reviewed=\"FirstConsultation\"");
        page.ShouldContain("ការពិគ្រោះយោបល់នៅភូមិទាំង ៤ ខែមីនា");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_district_records_the_next_stage_in_order_and_never_in_the_future(string provider)
    {
        var app = await apps.Get(provider);
        // Voat Kor, planned for 2032: a fresh install's commune no other test moves.
        var commune = await CommuneAsync(app, "020310");
        var manager = await app.As("district.manager");
        var today = TestClock.Today;
        var url = $"/Hives/{commune}/Stage";
        (await (await app.As("ouchar.ccwc")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.As("admin")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var status = await app.WithDbAsync(db => db.Hives.Where(h => h.CommuneId == commune).Select(h => h.Status).SingleAsync());
        if (status == HiveStatus.Planned)
        {
            var future = await manager.PostFormAsync(url, new() { ["Next"] = "CoCreation", ["On"] = today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            future.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            // Skipping a stage is refused too.
            (await manager.PostFormAsync(url, new() { ["Next"] = "HandedOver", ["On"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }))
                .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await app.WithDbAsync(db => db.Hives.Where(h => h.CommuneId == commune).Select(h => h.Status).SingleAsync())).ShouldBe(HiveStatus.Planned);
            (await manager.PostFormAsync(url, new() { ["Next"] = "CoCreation", ["On"] = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var hive = await app.WithDbAsync(db => db.Hives.AsNoTracking().SingleAsync(h => h.CommuneId == commune));
        hive.Status.ShouldBe(HiveStatus.CoCreation);
        hive.CoCreationFrom.ShouldBe(today.AddDays(-10));
        // Operating from before co-creation began: refused.
        (await manager.PostFormAsync(url, new() { ["Next"] = "Operating", ["On"] = today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await manager.GetHtmlAsync($"/Hives/{commune}")).ShouldContain("data-stage=\"CoCreation\"");
    }
}
