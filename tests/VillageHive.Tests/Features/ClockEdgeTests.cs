using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The hours and days where "today" used to go wrong: the edges of the commune's day (Phnom Penh is UTC+7), weekends,
/// public holidays and the ends of a month and of a year. Each test moves the test hosts' clock, so they run alone.
/// </summary>
[Collection(ClockEdges.Name)]
public sealed class ClockEdgeTests(Apps apps)
{
    /// <summary>A wall-clock time in Phnom Penh as the instant the clock is moved to.</summary>
    private static DateTimeOffset PhnomPenh(int year, int month, int day, int hour, int minute) =>
        new(TestClock.Clock.At(new DateOnly(year, month, day), new TimeOnly(hour, minute)), TimeSpan.Zero);

    /// <summary>A fresh sign-in at the moved time (a session from before the move may have run out).</summary>
    private static Task<HttpClient> SignInAsync(HiveApp app, string user) => app.SignInAsync(user, Db.DemoPassword);

    /// <summary>The officer marks the child absent in the day's register.</summary>
    private static async Task MarkAbsentAsync(HttpClient officer, int programme, int enrolment, DateOnly day)
    {
        var form = new Dictionary<string, string> { ["Date"] = day.ToString("yyyy-MM-dd"), ["Marks[0].EnrolmentId"] = enrolment.ToString(), ["Marks[0].Status"] = "Absent" };
        (await officer.PostFormAsync($"/Programmes/{programme}/Attendance?date={day:yyyy-MM-dd}", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>The one follow-up the enrolment has: from which day, for how many school days.</summary>
    private static async Task<(DateOnly From, int Days)> OnlyFollowUpAsync(HiveApp app, int enrolment)
    {
        var followUp = await app.WithDbAsync(db => db.AbsenceFollowUps.Where(f => f.EnrolmentId == enrolment).ToListAsync());
        return (followUp.ShouldHaveSingleItem().FromDate, followUp[0].Days);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task At_23_30_in_Phnom_Penh_tomorrow_is_still_the_future_and_at_00_30_it_is_today(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Visits/New";
        Dictionary<string, string> Visit(DateOnly on) => new()
        {
            ["Input.VisitedOn"] = on.ToString("yyyy-MM-dd"), ["Input.Place"] = "Home", ["Input.WhoWasSeen"] = "Mother",
            ["Input.Observations"] = "Late visit after the flood", ["Input.WorkerScale"] = "5",
        };
        var thursday = new DateOnly(2026, 12, 3);

        // Wednesday 23:30 in Phnom Penh is 16:30 UTC: still Wednesday for the worker.
        using (TestClock.Time.Travel(PhnomPenh(2026, 12, 2, 23, 30)))
        {
            var worker = await SignInAsync(app, "ouchar.vbsw1");
            (await worker.GetHtmlAsync(url)).ShouldContain("value=\"2026-12-02\"");
            var refused = await worker.PostFormAsync(url, Visit(thursday));
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("កាលបរិច្ឆេទមិនអាចនៅពេលអនាគតបានទេ");
            (await app.WithDbAsync(db => db.Visits.CountAsync(v => v.CaseId == caseId))).ShouldBe(0);
        }

        // Thursday 00:30 in Phnom Penh is still Wednesday 17:30 UTC: a server on UTC would call Thursday the future.
        using (TestClock.Time.Travel(PhnomPenh(2026, 12, 3, 0, 30)))
        {
            var worker = await SignInAsync(app, "ouchar.vbsw1");
            (await worker.GetHtmlAsync(url)).ShouldContain("value=\"2026-12-03\"");
            (await worker.PostFormAsync(url, Visit(thursday))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var visit = await app.WithDbAsync(db => db.Visits.AsNoTracking().SingleAsync(v => v.CaseId == caseId));
            visit.VisitedOn.ShouldBe(thursday);
            TestClock.DayOf(visit.RecordedAt).ShouldBe(thursday);
            visit.RecordedAt.Day.ShouldBe(2, "stored in UTC, where it is still Wednesday");
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task On_a_Sunday_morning_the_register_opens_on_Sunday_and_Friday_and_Monday_absences_are_two_days_running(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await ProgrammeTests.NewProgrammeAsync(app, "02030902", capacity: 10, children: 1);
        var enrolment = await ProgrammeTests.EnrolDirectAsync(app, programme, kids[0], new DateOnly(2026, 11, 2));
        var friday = new DateOnly(2026, 12, 4);
        var monday = new DateOnly(2026, 12, 7);
        // Saturday 23:30 UTC is Sunday 06:30 in Phnom Penh: the officer catches up on Friday's register.
        using (TestClock.Time.Travel(new DateTimeOffset(2026, 12, 5, 23, 30, 0, TimeSpan.Zero)))
        {
            var officer = await SignInAsync(app, "ouchar.vbsw1");
            (await officer.GetHtmlAsync($"/Programmes/{programme}/Attendance")).ShouldContain("value=\"2026-12-06\"");
            await MarkAbsentAsync(officer, programme, enrolment, friday);
            (await app.WithDbAsync(db => db.AbsenceFollowUps.CountAsync(f => f.EnrolmentId == enrolment))).ShouldBe(0);
        }

        // Monday: absent again. The weekend is not a school day, so Friday and Monday are two days running.
        using (TestClock.Time.Travel(PhnomPenh(2026, 12, 7, 15, 0)))
        {
            var officer = await SignInAsync(app, "ouchar.vbsw1");
            await MarkAbsentAsync(officer, programme, enrolment, monday);
            (await OnlyFollowUpAsync(app, enrolment)).ShouldBe((friday, 2));
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_public_holiday_between_two_absences_does_not_end_the_run(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await ProgrammeTests.NewProgrammeAsync(app, "02030903", capacity: 10, children: 1);
        var enrolment = await ProgrammeTests.EnrolDirectAsync(app, programme, kids[0], new DateOnly(2026, 11, 2));
        // Human Rights Day, Thursday 10 December: no school.
        var holiday = new DateOnly(2026, 12, 10);
        await app.WithDbAsync(async db =>
        {
            var p = await db.Programmes.SingleAsync(x => x.Id == programme);
            p.Holidays = [holiday];
            await db.SaveChangesAsync();
        });
        var wednesday = new DateOnly(2026, 12, 9);
        var friday = new DateOnly(2026, 12, 11);

        using (TestClock.Time.Travel(PhnomPenh(2026, 12, 11, 16, 0)))
        {
            var officer = await SignInAsync(app, "ouchar.vbsw1");
            await MarkAbsentAsync(officer, programme, enrolment, wednesday);
            await MarkAbsentAsync(officer, programme, enrolment, friday);
            (await OnlyFollowUpAsync(app, enrolment)).ShouldBe((wednesday, 2));
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_year_and_the_month_turn_at_midnight_in_Phnom_Penh_not_at_midnight_UTC(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync());
        var household = await app.UniqueHouseholdAsync("02030906");
        var dashboard = $"/Dashboard?area=Communes:{ouChar}";

        // 31 December, 23:30 in Phnom Penh (16:30 UTC): still 2026 everywhere a person looks.
        using (TestClock.Time.Travel(PhnomPenh(2026, 12, 31, 23, 30)))
        {
            var ccwc = await SignInAsync(app, "ouchar.ccwc");
            (await ccwc.GetHtmlAsync("/Support/Ledger")).ShouldContain("value=\"2026\"");
            var before = Figures.Of(await ccwc.GetHtmlAsync(dashboard)).Number("received-2026-12");
            await app.NewReferralAsync(household.Id, "ouchar.vbsw1");
            Figures.Of(await ccwc.GetHtmlAsync(dashboard)).Number("received-2026-12").ShouldBe(before + 1);
        }

        // 1 January, 00:30 in Phnom Penh is 31 December 17:30 UTC: the commune is in 2027.
        using (TestClock.Time.Travel(PhnomPenh(2027, 1, 1, 0, 30)))
        {
            var ccwc = await SignInAsync(app, "ouchar.ccwc");
            (await ccwc.GetHtmlAsync("/Support/Ledger")).ShouldContain("value=\"2027\"");
            var chief = await SignInAsync(app, "ouchar.chief");
            (await chief.GetHtmlAsync("/Reports")).ShouldContain($"/Reports/Commune/{ouChar}/2027\"");
            var html = await ccwc.GetHtmlAsync(dashboard);
            var figures = Figures.Of(html);
            figures.ShouldNotContainKey("received-2026-1", "the last twelve months are February 2026 to January 2027");
            var before = figures.Number("received-2027-1");
            await app.NewReferralAsync(household.Id, "ouchar.vbsw1");
            var after = Figures.Of(await ccwc.GetHtmlAsync(dashboard));
            after.Number("received-2027-1").ShouldBe(before + 1);
            after.Number("received-2026-12").ShouldBe(figures.Number("received-2026-12"));
        }
    }
}
