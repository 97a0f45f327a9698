using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Support;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

// Not in parallel with each other: the ledger test compares Ou Char's totals before and after.
[Collection("Support ledger")]
public sealed class SupportTests(Apps apps)
{
    // Support.NotApproved in Khmer, the test users' language.
    private const string NotApproved = "មិនទាន់ត្រូវបានអនុម័តនៅឡើយ";

    private static Dictionary<string, string> Approve(int id, int version = 0) => new() { ["Id"] = id.ToString(), ["Version"] = version.ToString() };

    private static Task<MaterialSupportRequest> RequestAsync(HiveApp app, int id) =>
        app.WithDbAsync(db => db.MaterialSupportRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_worker_requests_support_with_the_amount_worked_out_and_bad_amounts_are_refused(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Support";
        foreach (var (qty, cost) in new[] { ("0", "3000"), ("5", "0"), ("5", "-100"), ("-1", "100"), ("1", "100.5") })
        {
            var refused = await worker.PostFormAsync(url, new Dictionary<string, string>
                { ["Input.Item"] = "Rice", ["Input.Quantity"] = qty, ["Input.UnitCost"] = cost, ["Input.Currency"] = "KHR" });
            refused.StatusCode.ShouldBe(HttpStatusCode.OK, $"{qty} × {cost}");
        }
        (await app.WithDbAsync(db => db.MaterialSupportRequests.CountAsync(r => r.CaseId == caseId))).ShouldBe(0);
        (await worker.PostFormAsync(url, new Dictionary<string, string>
            { ["Input.Item"] = "Rice", ["Input.Quantity"] = "50", ["Input.UnitCost"] = "3000", ["Input.Currency"] = "KHR" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(url, new Dictionary<string, string>
            { ["Input.Item"] = "Bicycle", ["Input.Quantity"] = "1", ["Input.UnitCost"] = "70.50", ["Input.Currency"] = "USD" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rows = await app.WithDbAsync(db => db.MaterialSupportRequests.Where(r => r.CaseId == caseId).OrderBy(r => r.Id).ToListAsync());
        rows.Select(r => (r.Item, r.AmountMinor, r.Currency, r.Status, r.RequestedBy)).ShouldBe([
            (SupportItem.Rice, 150_000L, Currency.KHR, SupportStatus.Requested, "ouchar.vbsw1"),
            (SupportItem.Bicycle, 7_050L, Currency.USD, SupportStatus.Requested, "ouchar.vbsw1")]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Approvals_respect_the_limit_nobody_approves_their_own_request_and_nothing_is_approved_twice(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030902", "ouchar.vbsw1");
        var big = await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 1_000_000);
        var own = await app.NewSupportRequestAsync(caseId, "ouchar.senior", 10_000);
        var small = await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 20_000);
        var senior = await app.As("ouchar.senior");
        var ccwc = await app.As("ouchar.ccwc");
        const string page = "/Support/Approvals";

        var overLimit = await senior.PostFormAsync(page + "?handler=Approve", Approve(big), formPage: page);
        overLimit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RequestAsync(app, big)).Status.ShouldBe(SupportStatus.Requested);
        (await senior.PostFormAsync(page + "?handler=Approve", Approve(own), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RequestAsync(app, own)).Status.ShouldBe(SupportStatus.Requested);

        (await ccwc.PostFormAsync(page + "?handler=Approve", Approve(big), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var approved = await RequestAsync(app, big);
        approved.Status.ShouldBe(SupportStatus.Approved);
        approved.DecidedBy.ShouldBe("ouchar.ccwc");
        // Twice: refused whatever version the form carries.
        (await ccwc.PostFormAsync(page + "?handler=Approve", Approve(big, approved.Version), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await senior.PostFormAsync(page + "?handler=Reject", Approve(big, approved.Version), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RequestAsync(app, big)).Version.ShouldBe(approved.Version);

        (await senior.PostFormAsync(page + "?handler=Approve", Approve(small), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Another commune's approver does not see the request at all.
        (await (await app.As("svaypao.ccwc")).PostFormAsync(page + "?handler=Approve", Approve(own), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_disbursement_before_approval_is_refused(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030903", "ouchar.vbsw1");
        var id = await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 50_000);
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Support/{id}/Disburse";
        var today = TestClock.Today.ToString("yyyy-MM-dd");
        Dictionary<string, string> Form(int version) => new()
            { ["Version"] = version.ToString(), ["DisbursedOn"] = today, ["ReceivedBy"] = "Grandmother" };
        // The page says so before anyone types, and refuses the form.
        (await worker.GetHtmlAsync(url)).ShouldContain(NotApproved);
        (await worker.PostFormAsync(url, Form(0), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RequestAsync(app, id)).Status.ShouldBe(SupportStatus.Requested);
        (await (await app.As("ouchar.ccwc")).PostFormAsync("/Support/Approvals?handler=Approve", Approve(id), formPage: "/Support/Approvals")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(url, Form(1), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var paid = await RequestAsync(app, id);
        paid.Status.ShouldBe(SupportStatus.Disbursed);
        paid.ReceivedBy.ShouldBe("Grandmother");
        // And not twice.
        (await worker.PostFormAsync(url, Form(paid.Version), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another case's address does not reach this request.
        var other = await app.NewCaseAsync("02030903", "ouchar.vbsw1");
        await worker.GetHtmlAsync($"/Cases/{other}/Support/{id}/Disburse", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Ledger_totals_move_by_exactly_the_amounts_approved_and_paid(string provider)
    {
        var app = await apps.Get(provider);
        var commune = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var year = TestClock.Today.Year;
        var ccwc = await app.As("ouchar.ccwc");
        async Task<(string Committed, string Spent)> TotalsAsync()
        {
            var html = await ccwc.GetHtmlAsync($"/Support/Ledger?commune={commune}&year={year}");
            var row = html[html.IndexOf("data-currency=\"KHR\"", StringComparison.Ordinal)..];
            string Cell(string cls) { var i = row.IndexOf($"{cls}\">", StringComparison.Ordinal) + cls.Length + 2; return row[i..row.IndexOf('<', i)]; }
            return (Cell("committed"), Cell("spent"));
        }
        var before = await app.WithDbAsync(db => db.LedgerAsync(commune, year));
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var a = await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 123_000);
        var b = await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 77_000);
        const string page = "/Support/Approvals";
        (await ccwc.PostFormAsync(page + "?handler=Approve", Approve(a), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ccwc.PostFormAsync(page + "?handler=Approve", Approve(b), formPage: page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mid = await app.WithDbAsync(db => db.LedgerAsync(commune, year));
        Khr(mid).CommittedMinor.ShouldBe(Khr(before).CommittedMinor + 200_000);
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Support";
        (await worker.PostFormAsync($"{url}/{a}/Disburse", new Dictionary<string, string>
        {
            ["Version"] = "1", ["DisbursedOn"] = TestClock.Today.ToString("yyyy-MM-dd"), ["ReceivedBy"] = "Mother",
        }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await app.WithDbAsync(db => db.LedgerAsync(commune, year));
        Khr(after).CommittedMinor.ShouldBe(Khr(before).CommittedMinor + 77_000);
        Khr(after).SpentMinor.ShouldBe(Khr(before).SpentMinor + 123_000);
        Khr(after).RemainingMinor.ShouldBe(Khr(before).RemainingMinor - 200_000);
        Khr(after).BudgetMinor.ShouldBeGreaterThan(0);
        var shown = await TotalsAsync();
        shown.Spent.ShouldBe(Money.Format(Khr(after).SpentMinor, Currency.KHR));
        // The household's ledger lists its rows and their totals.
        var householdId = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.HouseholdId).SingleAsync());
        var household = await worker.GetHtmlAsync($"/Support/Ledger?householdId={householdId}");
        household.ShouldContain(Money.Format(123_000, Currency.KHR));
        household.ShouldContain(Money.Format(77_000, Currency.KHR));
        await (await app.As("svaypao.vbsw1")).GetHtmlAsync($"/Support/Ledger?householdId={householdId}", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_schedule_is_asked_for_pays_each_month_once_and_ends_with_the_reviews_finding(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030902", "ouchar.vbsw1");
        var worker = await app.As("ouchar.vbsw1");
        var support = $"/Cases/{caseId}/Support";
        var start = TestClock.Today.AddMonths(-2).ToString("yyyy-MM-dd");
        // Asked for: a bad amount or no start is refused with nothing saved.
        (await worker.PostFormAsync(support + "/Schedules/New", new() { ["Amount"] = "-5", ["Currency"] = "KHR", ["StartOn"] = start }, support)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await worker.PostFormAsync(support + "/Schedules/New", new() { ["Amount"] = "40000", ["Currency"] = "KHR" }, support)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.SupportPaymentSchedules.CountAsync(s => s.CaseId == caseId))).ShouldBe(0);
        (await worker.PostFormAsync(support + "/Schedules/New", new() { ["Amount"] = "40000", ["Currency"] = "KHR", ["StartOn"] = start }, support)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var asked = await app.WithDbAsync(db => db.SupportPaymentSchedules.AsNoTracking().SingleAsync(s => s.CaseId == caseId));
        (asked.Status, asked.AmountMinor, asked.RequestedBy).ShouldBe((ScheduleStatus.Requested, 40_000L, "ouchar.vbsw1"));

        // Not approved yet: no payment.
        var payments = $"{support}/Schedules/{asked.Id}/Payments";
        (await worker.GetHtmlAsync(payments)).ShouldContain(NotApproved);
        (await worker.PostFormAsync(payments, [], payments)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.MaterialSupportRequests.CountAsync(r => r.ScheduleId == asked.Id))).ShouldBe(0);

        const string approvals = "/Support/Approvals";
        (await (await app.As("ouchar.ccwc")).PostFormAsync(approvals + "?handler=ApproveSchedule", Approve(asked.Id), formPage: approvals)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Three months are due (two past and this one); the page lists them before the worker confirms, and a second press adds none.
        (await worker.GetHtmlAsync(payments)).ShouldContain(TestClock.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        (await worker.PostFormAsync(payments, [], payments)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(payments, [], payments)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var made = await app.WithDbAsync(db => db.MaterialSupportRequests.Where(r => r.ScheduleId == asked.Id).Select(r => new { r.Status, r.AmountMinor, r.PeriodStart }).ToListAsync());
        made.Count.ShouldBe(3);
        made.ShouldAllBe(r => r.Status == SupportStatus.Approved && r.AmountMinor == 40_000);
        made.Select(r => r.PeriodStart).Distinct().Count().ShouldBe(3);

        // Ended with the review's finding; without one it is refused.
        var end = $"{support}/Schedules/{asked.Id}/End";
        var version = (await app.WithDbAsync(db => db.SupportPaymentSchedules.AsNoTracking().SingleAsync(s => s.Id == asked.Id))).Version;
        (await worker.PostFormAsync(end, new() { ["Version"] = version.ToString() }, end)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await worker.PostFormAsync(end, new() { ["Version"] = version.ToString(), ["EndReason"] = "Mother works at the market again" }, end)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ended = await app.WithDbAsync(db => db.SupportPaymentSchedules.AsNoTracking().SingleAsync(s => s.Id == asked.Id));
        (ended.Status, ended.EndOn, ended.EndReason).ShouldBe((ScheduleStatus.Ended, TestClock.Today, "Mother works at the market again"));
        // A reader of the case may look but not act.
        await (await app.As("district.manager")).GetHtmlAsync(end, HttpStatusCode.Forbidden);
    }

    private static LedgerLine Khr(List<LedgerLine> lines) => lines.Single(l => l.Currency == Currency.KHR);
}
