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
        var url = $"/Cases/{caseId}/Support";
        var today = TestClock.Today.ToString("yyyy-MM-dd");
        Dictionary<string, string> Form(int version) => new()
            { ["Disburse.RequestId"] = id.ToString(), ["Disburse.Version"] = version.ToString(), ["Disburse.DisbursedOn"] = today, ["Disburse.ReceivedBy"] = "Grandmother" };
        (await worker.PostFormAsync(url + "?handler=Disburse", Form(0), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RequestAsync(app, id)).Status.ShouldBe(SupportStatus.Requested);
        (await (await app.As("ouchar.ccwc")).PostFormAsync("/Support/Approvals?handler=Approve", Approve(id), formPage: "/Support/Approvals")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(url + "?handler=Disburse", Form(1), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var paid = await RequestAsync(app, id);
        paid.Status.ShouldBe(SupportStatus.Disbursed);
        paid.ReceivedBy.ShouldBe("Grandmother");
        // And not twice.
        (await worker.PostFormAsync(url + "?handler=Disburse", Form(paid.Version), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
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
        (await worker.PostFormAsync(url + "?handler=Disburse", new Dictionary<string, string>
        {
            ["Disburse.RequestId"] = a.ToString(), ["Disburse.Version"] = "1",
            ["Disburse.DisbursedOn"] = TestClock.Today.ToString("yyyy-MM-dd"), ["Disburse.ReceivedBy"] = "Mother",
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

    private static LedgerLine Khr(List<LedgerLine> lines) => lines.Single(l => l.Currency == Currency.KHR);
}
