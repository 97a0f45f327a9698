using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// /Workforce (issue 22, part 2): supervision due on the supervisor's work list, records kept within the scope (a
/// Village social worker their own), caseloads counted month by month, bad input refused with nothing saved, and the
/// commune report's Workforce section. Each test makes a worker of its own so that the demo's figures stay as they are.
/// </summary>
public sealed class WorkforceTests(Apps apps)
{
    private static readonly DateOnly Today = TestClock.Today;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static Task<int> CommuneAsync(HiveApp app, string code) =>
        app.WithDbAsync(db => db.Communes.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Supervision_overdue_is_on_the_supervisors_work_list_until_a_session_is_held(string provider)
    {
        var app = await apps.Get(provider);
        var worker = Unique("wf.late.");
        await app.CreateUserInVillagesAsync(worker, Roles.VillageSocialWorker, "02030905");
        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        var caseId = await app.NewCaseAsync("02030905", worker);
        // Long ago, so that it is among the first rows of the list whatever other tests added.
        await app.WithDbAsync(async db =>
        {
            db.SupervisionSessions.Add(new SupervisionSession
            {
                CommuneId = ouChar, Supervisor = "ouchar.senior", Worker = worker, HeldOn = Today.AddDays(-3030), NextOn = Today.AddDays(-3000),
                AgreedActions = "Visit weekly", RecordedBy = "ouchar.senior", RecordedAt = TestClock.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var link = $"href=\"/Workforce/Supervision/New?worker={worker}\"";
        var senior = await app.As("ouchar.senior");
        (await senior.GetHtmlAsync("/Cases/Overdue?mine=true")).ShouldContain(link);
        (await senior.GetHtmlAsync("/")).ShouldContain(link);
        // Not on another commune's list, nor on the worker's own.
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Cases/Overdue?mine=false")).ShouldNotContain(link);
        (await (await app.As(worker)).GetHtmlAsync("/Cases/Overdue?mine=true")).ShouldNotContain(link);

        // The supervisor holds the session: the case talked through, the next one in four weeks; off the list.
        var form = await senior.GetHtmlAsync($"/Workforce/Supervision/New?worker={worker}");
        form.ShouldContain($"value=\"{caseId}\"");
        var saved = await senior.PostFormFromAsync("/Workforce/Supervision/New", form, new()
        {
            ["Input.Worker"] = worker, ["Input.HeldOn"] = Day(Today), ["Input.CaseIds"] = caseId.ToString(CultureInfo.InvariantCulture),
            ["Input.AgreedActions"] = "ពិនិត្យផែនការសុវត្ថិភាព", ["Input.NextOn"] = Day(Today.AddDays(28)),
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = await app.WithDbAsync(db => db.SupervisionSessions.Include(s => s.Cases).SingleAsync(s => s.Worker == worker && s.HeldOn == Today));
        session.Supervisor.ShouldBe("ouchar.senior");
        session.Cases.Select(c => c.CaseId).ShouldBe([caseId]);
        (await senior.GetHtmlAsync("/Cases/Overdue?mine=true")).ShouldNotContain(link);
        // The worker sees their supervision history and the session, with the case linked.
        var own = await app.As(worker);
        var details = await own.GetHtmlAsync($"/Workforce/Supervision/{session.Id}");
        details.ShouldContain($"href=\"/Cases/{caseId}\"");
        details.ShouldContain("ពិនិត្យផែនការសុវត្ថិភាព");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Records_stay_in_their_scope_and_a_village_worker_sees_only_their_own(string provider)
    {
        var app = await apps.Get(provider);
        var session = await app.WithDbAsync(db => db.SupervisionSessions.Where(s => s.Worker == "ouchar.vbsw2").OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var vbsw2 = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ouchar.vbsw2").Select(u => u.Id).SingleAsync());
        var vbsw1 = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ouchar.vbsw1").Select(u => u.Id).SingleAsync());

        (await (await app.As("svaypao.ccwc")).GetAsync($"/Workforce/Supervision/{session}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.As("svaypao.ccwc")).GetAsync($"/Workforce/Workers/{vbsw2}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.As("ouchar.vbsw1")).GetAsync($"/Workforce/Supervision/{session}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.As("ouchar.vbsw1")).GetAsync($"/Workforce/Workers/{vbsw2}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await app.As("ouchar.vbsw1");
        var index = await own.GetAsync("/Workforce");
        index.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        index.Headers.Location!.OriginalString.ShouldBe($"/Workforce/Workers/{vbsw1}");
        var page = await own.GetHtmlAsync($"/Workforce/Workers/{vbsw1}");
        page.ShouldContain(DemoWorkforce.Trainer);
        page.ShouldNotContain("record-supervision");

        // The district reads every commune; Svay Pao's CCWC lists only Svay Pao's workers.
        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        var district = await (await app.As("district.manager")).GetHtmlAsync($"/Workforce?commune={ouChar}");
        district.ShouldContain("data-worker=\"ouchar.vbsw2\"");
        district.ShouldNotContain("record-supervision");
        var svay = await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Workforce");
        svay.ShouldContain("data-worker=\"svaypao.vbsw1\"");
        svay.ShouldNotContain("data-worker=\"ouchar.vbsw2\"");
        (await (await app.As("svaypao.ccwc")).GetAsync($"/Workforce?commune={ouChar}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Trained per module: Ou Char's four people in post passed child protection.
        district.ShouldContain("data-module=\"CP1\">4<");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Caseload_is_counted_month_by_month_against_the_ceiling(string provider)
    {
        var app = await apps.Get(provider);
        var worker = Unique("wf.load.");
        var id = await app.CreateUserInVillagesAsync(worker, Roles.VillageSocialWorker, "02030906");
        var first = await app.NewCaseAsync("02030906", worker);
        await app.NewCaseAsync("02030906", worker);
        var closed = await app.NewCaseAsync("02030906", worker);
        // Opened four months ago; one closed two months ago: 1 case then, 2 at the end of last month… 3 open minus 1 closed now.
        var fourMonthsAgo = TestClock.Clock.StartOfDayUtc(Today.AddMonths(-4));
        await app.WithDbAsync(async db =>
        {
            var cases = await db.Cases.Where(c => c.LeadWorker == worker).ToListAsync();
            foreach (var c in cases) c.OpenedAt = c.Id == first ? fourMonthsAgo : TestClock.Clock.StartOfDayUtc(Today.AddMonths(-2).AddDays(-5));
            var done = cases.Single(c => c.Id == closed);
            done.Status = CaseStatus.Closed;
            done.ClosedAt = TestClock.Clock.StartOfDayUtc(new DateOnly(Today.Year, Today.Month, 1).AddDays(-3));
            await db.SaveChangesAsync();
        });
        var page = await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Workforce/Workers/{id}");
        // Months 0..11 end with the current month (11): none five months ago, one four months ago, three from two months
        // ago, two at the end of last month (one closed before it) and now.
        page.ShouldContain("data-figure=\"month-6\">0<");
        page.ShouldContain("data-figure=\"month-7\">1<");
        page.ShouldContain("data-figure=\"month-8\">3<");
        page.ShouldContain("data-figure=\"month-9\">3<");
        page.ShouldContain("data-figure=\"month-10\">2<");
        page.ShouldContain("data-figure=\"month-11\">2<");

        // The commune's view: the open cases led now, the chart's table with the worker's row.
        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        var commune = await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Workforce?commune={ouChar}");
        commune.ShouldContain($"data-caseload=\"{worker}\">2<");
        commune.ShouldContain($"data-figure=\"{worker}-11\">2<");
        commune.ShouldContain("caseload-chart");
        System.Text.RegularExpressions.Regex.IsMatch(commune, "id=\"ceiling-now\">[^<]*25").ShouldBeTrue();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_input_is_refused_with_a_message_and_nothing_is_saved(string provider)
    {
        var app = await apps.Get(provider);
        var worker = Unique("wf.bad.");
        await app.CreateUserInVillagesAsync(worker, Roles.VillageSocialWorker, "02030904");
        var senior = await app.As("ouchar.senior");
        Task<int> Rows() => app.WithDbAsync(async db =>
            await db.SupervisionSessions.CountAsync(s => s.Worker == worker) + await db.TrainingRecords.CountAsync(t => t.Worker == worker)
            + await db.StaffMovements.CountAsync(m => m.Worker == worker));

        var next = await senior.PostFormAsync("/Workforce/Supervision/New", new()
        {
            ["Input.Worker"] = worker, ["Input.HeldOn"] = Day(Today), ["Input.AgreedActions"] = "x", ["Input.NextOn"] = Day(Today.AddDays(-1)),
        }, formPage: $"/Workforce/Supervision/New?worker={worker}");
        next.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await next.Content.ReadAsStringAsync()).ShouldContain("វគ្គលើកក្រោយត្រូវតែនៅក្រោយវគ្គនេះ។");
        var future = await senior.PostFormAsync("/Workforce/Supervision/New", new()
        {
            ["Input.Worker"] = worker, ["Input.HeldOn"] = Day(Today.AddDays(3)), ["Input.AgreedActions"] = "x", ["Input.CaseIds"] = "999999999",
        }, formPage: $"/Workforce/Supervision/New?worker={worker}");
        future.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // Another commune's worker is not one to choose.
        (await senior.PostFormAsync("/Workforce/Supervision/New", new()
        {
            ["Input.Worker"] = "svaypao.vbsw1", ["Input.HeldOn"] = Day(Today), ["Input.AgreedActions"] = "x",
        }, formPage: "/Workforce/Supervision/New")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var training = await senior.PostFormAsync("/Workforce/Training/New", new()
        {
            ["Input.Worker"] = worker, ["Input.ModuleId"] = "2", ["Input.StartedOn"] = Day(Today.AddDays(-3)), ["Input.CompletedOn"] = Day(Today.AddDays(-10)),
            ["Input.Trainer"] = "Lyly", ["Input.Result"] = "Competent",
        });
        training.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await training.Content.ReadAsStringAsync()).ShouldContain("វគ្គសិក្សាមិនអាចបញ្ចប់មុនថ្ងៃចាប់ផ្ដើមបានទេ។");
        (await senior.PostFormAsync("/Workforce/Movements/New", new()
        {
            ["Input.Worker"] = worker, ["Input.Kind"] = "99", ["Input.On"] = Day(Today),
        })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Rows()).ShouldBe(0);

        // A ceiling that is not a number in range keeps the commune's.
        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        foreach (var bad in new[] { "", "abc", "0", "1000", "-3" })
            (await senior.PostFormAsync($"/Workforce?commune={ouChar}", new() { ["Ceiling"] = bad })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, bad);
        (await app.WithDbAsync(db => db.Hives.Where(h => h.CommuneId == ouChar).Select(h => h.CaseloadCeiling).SingleAsync())).ShouldBe(25);

        // Valid records are kept, and a leaver's page leads the CCWC to the handover of their cases.
        (await senior.PostFormAsync("/Workforce/Training/New", new()
        {
            ["Input.Worker"] = worker, ["Input.ModuleId"] = "2", ["Input.StartedOn"] = Day(Today.AddDays(-10)), ["Input.CompletedOn"] = Day(Today.AddDays(-3)),
            ["Input.Trainer"] = "Lyly", ["Input.Result"] = "Competent",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await senior.PostFormAsync("/Workforce/Movements/New", new()
        {
            ["Input.Worker"] = worker, ["Input.Kind"] = "Left", ["Input.On"] = Day(Today),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Rows()).ShouldBe(2);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == worker).Select(u => u.Id).SingleAsync());
        (await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Workforce/Workers/{id}")).ShouldContain($"href=\"/Admin/Users/{id}/Handover\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_commune_report_has_a_workforce_section(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await CommuneAsync(app, DemoGeography.OuCharCode);
        var report = await (await app.As("district.manager")).GetHtmlAsync($"/Reports/Commune/{ouChar}/2022");
        report.ShouldContain("id=\"report-workforce\"");
        // The handover of December 2022 took the three workers into the public sector; four people passed child protection by then.
        report.ShouldContain("data-figure=\"moved-TransferredToPublicSector\">3<");
        report.ShouldContain("data-figure=\"trained-by-CP1\">4<");
        report.ShouldContain("data-figure=\"trained-CP1\">0<");
        var thisYear = await (await app.As("district.manager")).GetHtmlAsync($"/Reports/Commune/{ouChar}/{Today.Year}");
        var held = int.Parse(System.Text.RegularExpressions.Regex.Match(thisYear, "data-figure=\"supervision-held\">(\\d+)<").Groups[1].Value, CultureInfo.InvariantCulture);
        held.ShouldBeGreaterThanOrEqualTo(12);
    }
}
