using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Features.Support;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// /Admin/Budgets. Each test works on a commune the demo gives no budget (and a year of its own where it can), so
/// that the ledger and dashboard tests of Ou Char and Svay Pao see their figures unchanged.
/// </summary>
public sealed class BudgetsTests(Apps apps)
{
    private const string New = "/Admin/Budgets/Edit";

    // Messages in Khmer, the test users' language.
    private const string AmountPositive = "ចំនួនទឹកប្រាក់ត្រូវតែធំជាងសូន្យ។";
    private const string NotANumber = "សូមបញ្ចូលលេខ។";
    private const string WholeRiel = "ប្រាក់រៀលជាចំនួនគត់ ប្រាក់ដុល្លារមានខ្ទង់ទសភាគយ៉ាងច្រើនពីរ។";
    private const string YearRange = "សូមបញ្ចូលឆ្នាំចន្លោះ ២០០០ និង ២១០០។";
    private const string Duplicate = "ឃុំនេះមានថវិកាសម្រាប់ឆ្នាំ រូបិយប័ណ្ណ និងប្រភេទជំនួយនេះរួចហើយ។";
    private const string ConfirmFirst = "សូមធីកប្រអប់ ដើម្បីបញ្ជាក់ការលុប។";

    private static Dictionary<string, string> Form(int communeId, string year, string amount, string currency = "KHR", string item = "", int version = 0) => new()
    {
        ["Input.CommuneId"] = communeId.ToString(CultureInfo.InvariantCulture), ["Input.Year"] = year, ["Input.Item"] = item,
        ["Input.Currency"] = currency, ["Input.Amount"] = amount, ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture),
    };

    private static Task<int> CommuneAsync(HiveApp app, string code) =>
        app.WithDbAsync(db => db.Communes.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    private static Task<List<CommuneBudget>> BudgetsAsync(HiveApp app, int communeId, int year) =>
        app.WithDbAsync(db => db.CommuneBudgets.AsNoTracking().Where(b => b.CommuneId == communeId && b.Year == year).OrderBy(b => b.Id).ToListAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_administrator_adds_changes_and_deletes_a_budget_and_the_audit_log_keeps_each_step(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var commune = await CommuneAsync(app, "020306");
        const int year = 2031;
        (await admin.GetHtmlAsync($"/Admin/Budgets?year={year}")).ShouldContain("ស្លាកែត");

        var before = TestClock.UtcNow;
        (await admin.PostFormAsync(New, Form(commune, "2031", "12,500,000"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync(New, Form(commune, "2031", "2000000", item: "Rice"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync(New, Form(commune, "2031", "1500.50", currency: "USD"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var made = await BudgetsAsync(app, commune, year);
        made.Select(b => (b.Item, b.Currency, b.AmountMinor, b.SetBy)).ShouldBe([
            (null, Currency.KHR, 12_500_000L, "admin"), (SupportItem.Rice, Currency.KHR, 2_000_000L, "admin"), (null, Currency.USD, 1_500_50L, "admin")]);
        made.ShouldAllBe(b => b.SetAt >= before.AddSeconds(-1) && b.SetAt <= TestClock.UtcNow);

        // The list shows each line with who set it.
        var list = await admin.GetHtmlAsync($"/Admin/Budgets?year={year}");
        list.ShouldContain(Money.Format(12_500_000, Currency.KHR));
        list.ShouldContain(Money.Format(1_500_50, Currency.USD));
        list.ShouldContain("កំណត់ដោយ admin");

        // Changed; a form shown before that change is refused with both amounts and changes nothing.
        var id = made[0].Id;
        var edit = $"{New}/{id}";
        (await admin.GetHtmlAsync(edit)).ShouldContain("value=\"12500000\"");
        (await admin.PostFormAsync(edit, Form(commune, "2031", "15000000"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await admin.PostFormAsync(edit, Form(commune, "2031", "9000000"));
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.Content.ReadAsStringAsync()).ShouldContain(Money.Format(15_000_000, Currency.KHR));
        var changed = (await BudgetsAsync(app, commune, year))[0];
        (changed.AmountMinor, changed.Version).ShouldBe((15_000_000L, 1));

        // Deleting asks for the box to be ticked first.
        var unconfirmed = await admin.PostFormAsync($"{edit}?handler=Delete", new() { ["version"] = "1" }, formPage: edit);
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unconfirmed.Content.ReadAsStringAsync()).ShouldContain(ConfirmFirst);
        (await BudgetsAsync(app, commune, year)).Count.ShouldBe(3);
        (await admin.PostFormAsync($"{edit}?handler=Delete", new() { ["version"] = "1", ["confirm"] = "true" }, formPage: edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await BudgetsAsync(app, commune, year)).Select(b => b.Id).ShouldNotContain(id);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(CommuneBudget) && a.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName, a.Changes }).ToListAsync());
        audit.Select(a => (a.Action, a.UserName)).ShouldBe([("Create", "admin"), ("Update", "admin"), ("Delete", "admin")]);
        audit[1].Changes!.ShouldContain("12500000");
        audit[1].Changes!.ShouldContain("15000000");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_amounts_years_and_duplicates_are_refused_with_a_message_and_nothing_is_saved(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var commune = await CommuneAsync(app, "020303");
        const int year = 2032;
        foreach (var (form, message) in new[]
        {
            (Form(commune, "2032", "-5"), AmountPositive),
            (Form(commune, "2032", "0"), AmountPositive),
            (Form(commune, "2032", "lots"), NotANumber),
            (Form(commune, "2032", "1000.5"), WholeRiel),
            (Form(commune, "2032", "10.255", currency: "USD"), WholeRiel),
            (Form(commune, "1999", "1000"), YearRange),
            (Form(commune, "2101", "1000"), YearRange),
            (Form(commune, "twenty", "1000"), "មិនត្រឹមត្រូវទេ។"),
            (Form(999_999, "2032", "1000"), "មិនត្រឹមត្រូវទេ។"),
            (Form(commune, "2032", "1000", currency: "EUR"), "មិនត្រឹមត្រូវទេ។"),
            (Form(commune, "2032", "1000", item: "Gold"), "មិនត្រឹមត្រូវទេ។"),
        })
        {
            var response = await admin.PostFormAsync(New, form);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{form["Input.Year"]} {form["Input.Amount"]} {form["Input.Currency"]}");
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain(message);
            // What was typed is still on the form.
            html.ShouldContain($"value=\"{form["Input.Amount"]}\"");
        }
        (await app.WithDbAsync(db => db.CommuneBudgets.CountAsync(b => b.CommuneId == commune))).ShouldBe(0);

        // One budget per commune, year, currency and kind: the same kind twice is refused, another kind is not.
        (await admin.PostFormAsync(New, Form(commune, "2032", "1000000"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var twice = await admin.PostFormAsync(New, Form(commune, "2032", "2000000"));
        twice.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await twice.Content.ReadAsStringAsync()).ShouldContain(Duplicate);
        (await admin.PostFormAsync(New, Form(commune, "2032", "300000", item: "HygieneKit"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync(New, Form(commune, "2032", "300000", item: "HygieneKit"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Editing a line into another one's place is refused too.
        var kit = (await BudgetsAsync(app, commune, year)).Single(b => b.Item == SupportItem.HygieneKit);
        var moved = await admin.PostFormAsync($"{New}/{kit.Id}", Form(commune, "2032", "300000"));
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await moved.Content.ReadAsStringAsync()).ShouldContain(Duplicate);
        (await BudgetsAsync(app, commune, year)).Select(b => (b.Item, b.AmountMinor)).ShouldBe([(null, 1_000_000L), (SupportItem.HygieneKit, 300_000L)]);

        // The database says the same when two saves cross: the second line for any kind is refused by its unique index.
        await Should.ThrowAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.CommuneBudgets.Add(new CommuneBudget { CommuneId = commune, Year = year, Currency = Currency.KHR, AmountMinor = 1, SetBy = "test", SetAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        }));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_ledger_sets_a_budget_for_one_kind_against_that_kind_and_adds_it_to_the_total(string provider)
    {
        var app = await apps.Get(provider);
        var admin = await app.As("admin");
        var commune = await CommuneAsync(app, "020301");
        var year = TestClock.Today.Year;
        var y = year.ToString(CultureInfo.InvariantCulture);
        (await admin.PostFormAsync(New, Form(commune, y, "10000000"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostFormAsync(New, Form(commune, y, "1000000", item: "Rice"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var caseId = await app.NewCaseAsync("02030101", "ttaek.worker");
        await app.NewSupportRequestAsync(caseId, "ttaek.worker", 300_000, status: SupportStatus.Approved);

        var ledger = await app.WithDbAsync(db => db.CommuneLedgerAsync(commune, year));

        var khr = ledger.Totals.Single(l => l.Currency == Currency.KHR);
        (khr.BudgetMinor, khr.CommittedMinor, khr.RemainingMinor).ShouldBe((11_000_000L, 300_000L, 10_700_000L));
        ledger.Kinds.ShouldBe([new LedgerLine(Currency.KHR, 1_000_000, 300_000, 0, SupportItem.Rice)]);
        var html = await admin.GetHtmlAsync($"/Support/Ledger?commune={commune}&year={year}");
        html.ShouldContain("id=\"ledger-kinds\"");
        html.ShouldContain(Money.Format(700_000, Currency.KHR));
        html.ShouldContain(Money.Format(11_000_000, Currency.KHR));
    }
}
