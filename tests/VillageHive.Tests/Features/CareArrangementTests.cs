using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Where a child lives, over time: recorded by a worker of the child's area, shown latest first, refused when it does
/// not hold together, counted on the dashboard and in the commune report. Every test makes its own children; the
/// tests of this class run one after the other, and no other test records an arrangement, so counts move only here.
/// </summary>
public sealed class CareArrangementTests(Apps apps)
{
    /// <summary>A month as a Khmer page writes it (issue 19: in the user's language, not "2025-03").</summary>
    private static string KhmerMonth(DateOnly day) => day.ToString("Y", VillageHive.Infrastructure.Localisation.Culture(VillageHive.Infrastructure.Localisation.Khmer));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new household in the village with a child of 9 in it; returns the child's id.</summary>
    private static async Task<int> NewChildAsync(HiveApp app, string villageCode)
    {
        var household = await app.UniqueHouseholdAsync(villageCode);
        return await app.WithDbAsync(async db =>
        {
            var child = new Person { HouseholdId = household.Id, Sex = Sex.Female, RelationToHead = RelationToHead.Grandchild,
                DateOfBirth = TestClock.Today.AddYears(-9), CreatedAt = TestClock.UtcNow };
            child.SetNames("តេស្ត", "ចៅស្រី", "Test", DemoData.UniqueLatin());
            db.Persons.Add(child);
            await db.SaveChangesAsync();
            return child.Id;
        });
    }

    private static Dictionary<string, string> Form(CareType type, DateOnly since, CareReason reason, CareEvent e = CareEvent.None,
        bool inHousehold = true, string? place = null, string? note = null, DateOnly? until = null) => new()
    {
        ["Input.Event"] = e.ToString(),
        ["Input.Type"] = type.ToString(),
        ["Input.InHousehold"] = inHousehold ? "true" : "false",
        ["Input.Place"] = place ?? "",
        ["Input.StartedOn"] = Day(since),
        ["Input.EndedOn"] = until is { } u ? Day(u) : "",
        ["Input.Reason"] = reason.ToString(),
        ["Input.ReasonNote"] = note ?? "",
    };

    private static Task<List<CareArrangement>> ArrangementsAsync(HiveApp app, int child) =>
        app.WithDbAsync(db => db.CareArrangements.AsNoTracking().Where(a => a.PersonId == child).OrderBy(a => a.Id).ToListAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_worker_records_arrangements_and_the_person_page_shows_them_latest_first_with_the_events(string provider)
    {
        var app = await apps.Get(provider);
        var child = await NewChildAsync(app, "02030901");
        var worker = await app.As("ouchar.vbsw1");
        var today = TestClock.Today;
        var url = $"/Registry/Persons/{child}/Care";
        (await worker.GetHtmlAsync(url)).ShouldContain("កុមាររស់នៅជាមួយអ្នកណា");

        // With the grandparents while the parents work in Thailand; then placed in a centre; then home with the mother.
        (await worker.PostFormAsync(url, Form(CareType.Grandparents, today.AddDays(-400), CareReason.ParentsMigrated, note: "Parents went to Thailand")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await worker.PostFormAsync(url, Form(CareType.ResidentialCare, today.AddDays(-200), CareReason.Poverty, inHousehold: false, place: "Test children's centre")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var back = await worker.PostFormAsync(url, Form(CareType.OneParent, today.AddDays(-10), CareReason.WithFamily, CareEvent.Reintegration, note: "Mother came back"));
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.ToString().ShouldEndWith($"/Registry/Persons/{child}#care");
        // Recorded last, an arrangement from before all of them: the history is ordered by start date, not by entry.
        (await worker.PostFormAsync(url, Form(CareType.BothParents, today.AddYears(-9), CareReason.WithFamily, until: today.AddDays(-401))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = await ArrangementsAsync(app, child);
        rows.Select(r => r.Type).ShouldBe([CareType.Grandparents, CareType.ResidentialCare, CareType.OneParent, CareType.BothParents]);
        // Kin to a centre is a separation even when the worker did not say so; the return home is the reintegration they chose.
        rows.Select(r => r.Event).ShouldBe([CareEvent.None, CareEvent.Separation, CareEvent.Reintegration, CareEvent.None]);
        rows[0].HouseholdId.ShouldNotBeNull();
        rows[0].ReasonNote.ShouldBe("Parents went to Thailand");
        rows[1].HouseholdId.ShouldBeNull();
        rows[1].Place.ShouldBe("Test children's centre");
        rows.ShouldAllBe(r => r.RecordedBy == "ouchar.vbsw1");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(CareArrangement) && a.UserName == "ouchar.vbsw1"
            && rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).Contains(a.EntityId)))).ShouldBe(4);

        var page = await worker.GetHtmlAsync($"/Registry/Persons/{child}");
        var positions = new[] { rows[2], rows[1], rows[0], rows[3] }.Select(r => page.IndexOf($"data-care=\"{r.Id}\"", StringComparison.Ordinal)).ToList();
        positions.ShouldAllBe(p => p > 0);
        positions.ShouldBe(positions.Order().ToList(), "latest first");
        page.ShouldContain("ធ្វើសមាហរណកម្មទៅក្នុងគ្រួសារវិញ");
        page.ShouldContain("បែកចេញពីគ្រួសារ");
        page.ShouldContain("Test children&#x27;s centre");
        // The current arrangement on the form.
        (await worker.GetHtmlAsync(url)).ShouldContain($"ឪពុក ឬម្ដាយម្នាក់ ចាប់ពី {KhmerMonth(today.AddDays(-10))} (Mother came back)");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Dates_that_do_not_hold_together_and_events_that_do_not_fit_are_refused_with_a_message_and_nothing_saved(string provider)
    {
        var app = await apps.Get(provider);
        var child = await NewChildAsync(app, "02030901");
        var worker = await app.As("ouchar.vbsw1");
        var today = TestClock.Today;
        var url = $"/Registry/Persons/{child}/Care";
        (await worker.PostFormAsync(url, Form(CareType.Grandparents, today.AddDays(-100), CareReason.ParentsMigrated))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var cases = new (Dictionary<string, string> Form, string Message)[]
        {
            (Form(CareType.Grandparents, today.AddDays(-30), CareReason.Other, until: today.AddDays(-40)), "ថ្ងៃបញ្ចប់មិនអាចមុនថ្ងៃចាប់ផ្ដើមបានទេ។"),
            (Form(CareType.Grandparents, today.AddDays(1), CareReason.Other), "កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ។"),
            (Form(CareType.Grandparents, today.AddDays(-5), CareReason.Other, until: today.AddDays(3)), "កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ។"),
            (Form(CareType.Grandparents, today.AddYears(-10), CareReason.Other), "កាលបរិច្ឆេទមិនអាចមុនថ្ងៃកំណើតរបស់កុមារបានទេ។"),
            (Form(CareType.ResidentialCare, today.AddDays(-5), CareReason.Poverty, inHousehold: false), "សូមសរសេរទីកន្លែងដែលកុមាររស់នៅ។"),
            (Form(CareType.ResidentialCare, today.AddDays(-5), CareReason.Other, CareEvent.Reintegration), "សមាហរណកម្មគឺការត្រឡប់ទៅរស់នៅជាមួយគ្រួសារវិញ"),
            // Already with the grandparents: going to the parents is no reintegration.
            (Form(CareType.BothParents, today.AddDays(-5), CareReason.WithFamily, CareEvent.Reintegration), "នេះមិនមែនជាសមាហរណកម្មទេ។"),
            (Form(CareType.OneParent, today.AddDays(-5), CareReason.Other, CareEvent.Separation), "ការបែកចេញពីគ្រួសារ គឺការចាកចេញពីគ្រួសារ"),
            (new Dictionary<string, string>(Form(CareType.Grandparents, today, CareReason.Other)) { ["Input.Type"] = "" }, "ត្រូវបំពេញព័ត៌មាននេះ។"),
            (new Dictionary<string, string>(Form(CareType.Grandparents, today, CareReason.Other)) { ["Input.Type"] = "99" }, "តម្លៃនេះមិនត្រឹមត្រូវទេ។"),
        };
        foreach (var (form, message) in cases)
        {
            var response = await worker.PostFormAsync(url, form);
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, message);
            (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        }
        (await ArrangementsAsync(app, child)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Only_workers_of_the_childs_area_record_another_communes_child_is_not_found(string provider)
    {
        var app = await apps.Get(provider);
        var child = await NewChildAsync(app, "02030901");
        var url = $"/Registry/Persons/{child}/Care";
        var form = Form(CareType.Grandparents, TestClock.Today.AddDays(-3), CareReason.ParentsMigrated);
        // Svay Pao's workers and the worker of Ou Char's villages 4 to 6: not their child.
        foreach (var user in new[] { "svaypao.ccwc", "svaypao.vbsw1", "ouchar.vbsw2" })
        {
            var client = await app.As(user);
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
            (await client.PostFormAsync(url, form, formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }
        // Those who do not work cases may not record at all.
        foreach (var user in new[] { "admin", "ouchar.chief" })
            (await (await app.As(user)).PostFormAsync(url, form, formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        (await ArrangementsAsync(app, child)).ShouldBeEmpty();
        // The commune's supervisor may.
        (await (await app.As("ouchar.senior")).PostFormAsync(url, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ArrangementsAsync(app, child)).ShouldHaveSingleItem().RecordedBy.ShouldBe("ouchar.senior");
    }

    /// <summary>The figures counted in memory with the rules' compiled twins, for the children of the villages given.</summary>
    private static Task<(int Family, int Residential, int Reintegrated)> ExpectedAsync(HiveApp app, IReadOnlyCollection<int> villages, DateOnly on, int year) =>
        app.WithDbAsync(async db =>
        {
            // Tracked: each child gets all their arrangements (the rule looks at the later ones).
            var all = await db.CareArrangements.Include(a => a.Person!)
                .Where(a => villages.Contains(a.Person!.Household!.VillageId)).ToListAsync();
            var current = all.Where(a => CareRules.CurrentOn.Holds(a, on)).ToList();
            var period = new Period(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            return (current.Where(CareRules.WithFamily.Holds).Select(a => a.PersonId).Distinct().Count(),
                current.Where(CareRules.InResidentialCare.Holds).Select(a => a.PersonId).Distinct().Count(),
                all.Where(a => CareRules.ReintegratedDuring.Holds(a, period)).Select(a => a.PersonId).Distinct().Count());
        });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_dashboard_and_the_report_count_children_with_family_in_residential_care_and_reintegrated_this_year_in_the_callers_area(string provider)
    {
        var app = await apps.Get(provider);
        var today = TestClock.Today;
        var (communeId, communeVillages) = await app.WithDbAsync(async db =>
        {
            var c = await db.Communes.Where(x => x.Code == DemoGeography.OuCharCode).Select(x => new { x.Id, Villages = x.Villages.Select(v => v.Id).ToList() }).SingleAsync();
            return (c.Id, c.Villages);
        });
        var vbswVillages = await app.WithDbAsync(async db =>
            (await db.Users.Where(u => u.UserName == "ouchar.vbsw1").Select(u => u.ScopeAreaIds).SingleAsync()).ToList());

        // The demo gives Ou Char's dashboard children in each block.
        var ccwc = await app.As("ouchar.ccwc");
        var figures = Figures.Of(await ccwc.GetHtmlAsync("/Dashboard"));
        var expected = await ExpectedAsync(app, communeVillages, today, today.Year);
        expected.Family.ShouldBeGreaterThan(0);
        expected.Residential.ShouldBeGreaterThan(0);
        expected.Reintegrated.ShouldBeGreaterThan(0);
        (figures.Number("care-with-family"), figures.Number("care-residential"), figures.Number("care-reintegrated")).ShouldBe(expected);

        // A child of village 1 reintegrated from a centre today: one more with family and reintegrated, for the commune and the worker.
        var child = await NewChildAsync(app, "02030901");
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Registry/Persons/{child}/Care";
        (await worker.PostFormAsync(url, Form(CareType.ResidentialCare, today.AddDays(-90), CareReason.Poverty, inHousehold: false, place: "Test centre")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = Figures.Of(await worker.GetHtmlAsync("/Dashboard"));
        var mineExpected = await ExpectedAsync(app, vbswVillages, today, today.Year);
        (mine.Number("care-with-family"), mine.Number("care-residential"), mine.Number("care-reintegrated")).ShouldBe(mineExpected);
        (await worker.PostFormAsync(url, Form(CareType.Grandparents, today, CareReason.WithFamily, CareEvent.Reintegration))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = Figures.Of(await ccwc.GetHtmlAsync("/Dashboard"));
        after.Number("care-with-family").ShouldBe(expected.Family + 1);
        after.Number("care-residential").ShouldBe(expected.Residential);
        after.Number("care-reintegrated").ShouldBe(expected.Reintegrated + 1);
        var mineAfter = Figures.Of(await worker.GetHtmlAsync("/Dashboard"));
        mineAfter.Number("care-with-family").ShouldBe(mineExpected.Family + 1);
        mineAfter.Number("care-residential").ShouldBe(mineExpected.Residential - 1);
        mineAfter.Number("care-reintegrated").ShouldBe(mineExpected.Reintegrated + 1);
        // Svay Pao sees none of Ou Char's children: its own figures only.
        var svayPao = Figures.Of(await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Dashboard"));
        var svayPaoVillages = await app.WithDbAsync(db => db.Villages.Where(v => v.Commune!.Code == DemoGeography.SvayPaoCode).Select(v => v.Id).ToListAsync());
        var svayPaoExpected = await ExpectedAsync(app, svayPaoVillages, today, today.Year);
        (svayPao.Number("care-with-family"), svayPao.Number("care-residential"), svayPao.Number("care-reintegrated")).ShouldBe(svayPaoExpected);

        // The commune report: this year's on today, 2023's on its last day.
        var report = Figures.Of(await ccwc.GetHtmlAsync($"/Reports/Commune/{communeId}/{today.Year}"));
        (report.Number("care-with-family"), report.Number("care-residential"), report.Number("care-reintegrated"))
            .ShouldBe(await ExpectedAsync(app, communeVillages, today, today.Year));
        var report2023 = Figures.Of(await ccwc.GetHtmlAsync($"/Reports/Commune/{communeId}/2023"));
        (report2023.Number("care-with-family"), report2023.Number("care-residential"), report2023.Number("care-reintegrated"))
            .ShouldBe(await ExpectedAsync(app, communeVillages, new DateOnly(2023, 12, 31), 2023));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_case_page_says_where_each_child_lives_and_links_to_the_history(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var child = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.Referral!.Children.Select(ch => ch.PersonId)).FirstAsync());
        var worker = await app.As("ouchar.vbsw1");
        (await worker.GetHtmlAsync($"/Cases/{caseId}")).ShouldContain("មិនទាន់កត់ត្រា");
        (await worker.PostFormAsync($"/Registry/Persons/{child}/Care", Form(CareType.Grandparents, new DateOnly(2025, 3, 4), CareReason.ParentsMigrated, note: "ឪពុកម្ដាយទៅប្រទេសថៃ")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await worker.GetHtmlAsync($"/Cases/{caseId}");
        page.ShouldContain("រស់នៅជាមួយ:");
        page.ShouldContain($"ជីដូនជីតា ចាប់ពី {KhmerMonth(new DateOnly(2025, 3, 1))} (ឪពុកម្ដាយទៅប្រទេសថៃ)");
        page.ShouldContain($"href=\"/Registry/Persons/{child}#care\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Merging_two_records_of_a_child_moves_the_arrangements_to_the_record_kept(string provider)
    {
        var app = await apps.Get(provider);
        // Villages 4 to 6, as the merge tests do, so that other tests' counts of village 1 to 3 do not move.
        var kept = await NewChildAsync(app, "02030904");
        var duplicate = await NewChildAsync(app, "02030905");
        var worker = await app.As("ouchar.vbsw2");
        (await worker.PostFormAsync($"/Registry/Persons/{duplicate}/Care", Form(CareType.Grandparents, TestClock.Today.AddDays(-30), CareReason.ParentsMigrated)))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var moved = (await ArrangementsAsync(app, duplicate)).ShouldHaveSingleItem();
        var admin = await app.As("admin");
        (await admin.PostFormAsync($"/Admin/Persons/Merge?keep={kept}&duplicate={duplicate}",
            new() { ["Keep"] = kept.ToString(CultureInfo.InvariantCulture), ["Duplicate"] = duplicate.ToString(CultureInfo.InvariantCulture), ["Confirm"] = "true" },
            formPage: "/Admin/Persons/Merge?q=x")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ArrangementsAsync(app, kept)).ShouldHaveSingleItem().Id.ShouldBe(moved.Id);
        (await ArrangementsAsync(app, duplicate)).ShouldBeEmpty();
        (await worker.GetHtmlAsync($"/Registry/Persons/{kept}")).ShouldContain($"data-care=\"{moved.Id}\"");
    }
}
