using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Programme years: their own dates and enrolment, the carry-over to the next year, and the reports per year.</summary>
public sealed class ProgrammeYearTests(Apps apps)
{
    private static readonly DateOnly Today = TestClock.Today;

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_years_children_are_carried_over_to_the_next_year_except_those_who_left_or_are_too_old(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await ProgrammeTests.NewProgrammeAsync(app, "02030901", capacity: 10, children: 4);
        // A programme for children up to 12; kids[2] is 12 today and 13 when the next year starts.
        await app.WithDbAsync(async db =>
        {
            (await db.Programmes.SingleAsync(p => p.Id == programme)).MaxAge = 12;
            (await db.Persons.SingleAsync(p => p.Id == kids[2])).DateOfBirth = Today.AddYears(-13).AddMonths(3);
            await db.SaveChangesAsync();
        });
        var officer = await app.As("ouchar.vbsw1");
        var newYear = $"/Programmes/{programme}/Years/New";
        Task<HttpResponseMessage> AddYear(DateOnly start, DateOnly end) => officer.PostFormAsync(newYear,
            new() { ["Input.StartDate"] = D(start), ["Input.EndDate"] = D(end) }, formPage: newYear);
        Task<int> YearsAsync() => app.WithDbAsync(db => db.ProgrammeYears.CountAsync(y => y.ProgrammeId == programme));

        var (thisStart, thisEnd) = (Today.AddMonths(-3), Today.AddMonths(5));
        (await AddYear(thisStart, thisEnd)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Refused, nothing saved: an end before the start, a year overlapping this one, a year of two.
        (await AddYear(thisEnd.AddMonths(2), thisEnd.AddMonths(1))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AddYear(thisEnd, thisEnd.AddMonths(10))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AddYear(thisEnd.AddMonths(1), thisEnd.AddYears(2))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await YearsAsync()).ShouldBe(1);
        var (nextStart, nextEnd) = (thisEnd.AddMonths(1), thisEnd.AddMonths(11));
        (await AddYear(nextStart, nextEnd)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var years = await app.WithDbAsync(db => db.ProgrammeYears.Where(y => y.ProgrammeId == programme).OrderBy(y => y.StartDate).ToListAsync());
        var (current, next) = (years[0], years[1]);

        // Enrolled today: into this year, ending with it.
        foreach (var kid in kids)
        {
            var enrol = $"/Programmes/{programme}/Enrol";
            (await officer.PostFormAsync(enrol, new() { ["Input.PersonId"] = kid.ToString(), ["Input.StartDate"] = D(Today) }, formPage: enrol))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var enrolled = await app.WithDbAsync(db => db.Enrolments.Where(e => e.ProgrammeId == programme).OrderBy(e => e.Id).ToListAsync());
        enrolled.ShouldAllBe(e => e.ProgrammeYearId == current.Id && e.YearEnd == current.EndDate);
        // kids[1] leaves today.
        await app.WithDbAsync(async db =>
        {
            var e = await db.Enrolments.SingleAsync(x => x.Id == enrolled[1].Id);
            e.ExitDate = Today;
            e.ExitReason = "moved to Thailand";
            await db.SaveChangesAsync();
        });

        // The page is the confirmation (in Khmer, the clients' language): who comes over, and who does not and why.
        var carry = $"/Programmes/{programme}/CarryOver?from={current.Id}";
        var html = await officer.GetHtmlAsync(carry);
        var names = await app.WithDbAsync(db => db.Persons.Where(p => kids.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.GivenNameLatin ?? "").ToListAsync());
        var coming = html[html.IndexOf("id=\"coming\"", StringComparison.Ordinal)..html.IndexOf("id=\"not-coming\"", StringComparison.Ordinal)];
        coming.ShouldContain(names[0]);
        coming.ShouldContain(names[3]);
        coming.ShouldNotContain(names[1]);
        coming.ShouldNotContain(names[2]);
        html.ShouldContain("បានចាកចេញក្នុងអំឡុងឆ្នាំ");
        html.ShouldContain("លើសអាយុសម្រាប់កម្មវិធី");

        // One child first, then the rest of the list at once.
        (await officer.PostFormAsync($"{carry}&handler=One", new() { ["enrolmentId"] = enrolled[0].Id.ToString() }, formPage: carry))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await officer.PostFormAsync(carry, [], formPage: carry)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var inNext = await app.WithDbAsync(db => db.Enrolments.Where(e => e.ProgrammeYearId == next.Id).OrderBy(e => e.PersonId).ToListAsync());
        inNext.Select(e => e.PersonId).ToList().ShouldBe(new List<int> { kids[0], kids[3] });
        inNext.ShouldAllBe(e => e.StartDate == next.StartDate && e.YearEnd == next.EndDate && e.ProgrammeId == programme);
        // Again: nobody is left to carry over, nothing is added; a child not on the list is refused.
        (await officer.PostFormAsync(carry, [], formPage: carry)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostFormAsync($"{carry}&handler=One", new() { ["enrolmentId"] = enrolled[2].Id.ToString() }, formPage: carry))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Enrolments.CountAsync(e => e.ProgrammeId == programme))).ShouldBe(6);

        // A child in two years: on the register of each year's days, once.
        var kid0 = await app.WithDbAsync(db => db.Enrolments.Where(e => e.PersonId == kids[0]).ToListAsync());
        kid0.Count.ShouldBe(2);
        kid0.Count(e => e.IsActiveOn(Today)).ShouldBe(1);
        kid0.Count(e => e.IsActiveOn(next.StartDate.AddDays(1))).ShouldBe(1);
        kid0.Count(e => e.IsActiveOn(current.EndDate.AddDays(1))).ShouldBe(0, "the holiday between the years");
        // The programme page: this year's roster (the child who left is under those who left), and next year's.
        (await officer.GetHtmlAsync($"/Programmes/{programme}")).ShouldContain("កុមារដែលបានចុះឈ្មោះ (3)");
        var nextPage = await officer.GetHtmlAsync($"/Programmes/{programme}?year={next.Id}");
        nextPage.ShouldContain("កុមារដែលបានចុះឈ្មោះ (2)");
        nextPage.ShouldContain(next.Label);
        // Another commune's user does not see the year; a year of another programme is not this one's.
        await (await app.As("svaypao.ccwc")).GetHtmlAsync(carry, HttpStatusCode.NotFound);
        var demo = await app.WithDbAsync(db => db.Programmes.Where(p => p.Name == DemoCommunity.ProgrammeName).Select(p => p.Id).SingleAsync());
        await officer.GetHtmlAsync($"/Programmes/{demo}?year={next.Id}", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Each_report_counts_the_children_of_its_own_programme_years(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var chief = await app.As("ouchar.chief");
        async Task<int> ChildrenAsync(int year) => Figures.Of(await chief.GetHtmlAsync($"/Reports/Commune/{ouChar}/{year}")).Number("children-in-programmes");

        // 2023: the first year's 41. 2024: those 41 until July, and the six who joined in September.
        // 2025: 2024–2025's 42 and the three who joined in September. (Enrolments of other tests start in 2026.)
        (await ChildrenAsync(2023)).ShouldBe(41);
        (await ChildrenAsync(2024)).ShouldBe(41 + 6);
        (await ChildrenAsync(2025)).ShouldBe(42 + 3);

        var years = await app.WithDbAsync(db => db.ProgrammeYears.Where(y => y.Programme!.Name == DemoCommunity.ProgrammeName).OrderBy(y => y.StartDate)
            .Select(y => new { y.Id, y.StartDate, Children = db.Enrolments.Count(e => e.ProgrammeYearId == y.Id && e.EnrolledBy == DemoCommunity.ProjectOfficer) })
            .ToListAsync());
        years.Select(y => y.StartDate.Year).ToList().ShouldBe(new List<int> { 2023, 2024, 2025, 2026 });
        years.Select(y => y.Children).ToList().ShouldBe(DemoProgrammeYears.Rosters.ToList());
        years[0].StartDate.ShouldBe(DemoCommunity.ProgrammeStart);

        // The page shows the current year by default, with the year switcher; a past year is history.
        var officer = await app.As(DemoCommunity.ProjectOfficer);
        var demo = await app.WithDbAsync(db => db.Programmes.Where(p => p.Name == DemoCommunity.ProgrammeName).Select(p => p.Id).SingleAsync());
        var page = await officer.GetHtmlAsync($"/Programmes/{demo}");
        page.ShouldContain("ឆ្នាំកម្មវិធី 2026–2027");
        foreach (var y in years) page.ShouldContain($"year={y.Id}");
        var first = await officer.GetHtmlAsync($"/Programmes/{demo}?year={years[0].Id}");
        first.ShouldContain("ឆ្នាំកម្មវិធី 2023–2024");
        // Five children left during 2023–2024; 36 finished the year.
        first.ShouldContain("កុមារដែលបានចុះឈ្មោះ (36)");
        first.ShouldNotContain("/Exit\"");
    }
}
