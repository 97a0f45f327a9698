using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class ProgrammeTests(Apps apps)
{
    private static readonly DateOnly Today = TestClock.Today;

    /// <summary>A new programme in the village with a household of children (ages 8) of its own; returns ids.</summary>
    internal static async Task<(int Programme, List<int> Children)> NewProgrammeAsync(HiveApp app, string villageCode, int capacity, int children)
    {
        var household = await app.UniqueHouseholdAsync(villageCode);
        var villageId = await app.VillageIdAsync(villageCode);
        return await app.WithDbAsync(async db =>
        {
            var kids = Enumerable.Range(0, children).Select(i =>
            {
                var p = new Person { HouseholdId = household.Id, Sex = i % 2 == 0 ? Sex.Female : Sex.Male, RelationToHead = RelationToHead.Child, DateOfBirth = Today.AddYears(-8), CreatedAt = TestClock.UtcNow };
                p.SetNames("តេស្ត", "កុមារ" + i, "Test", DemoData.UniqueLatin());
                return p;
            }).ToList();
            db.Persons.AddRange(kids);
            var communeId = await db.Villages.Where(v => v.Id == villageId).Select(v => v.CommuneId).SingleAsync();
            var programme = new Programme { Name = "Test programme " + Guid.NewGuid().ToString("N")[..6], CommuneId = communeId, VillageId = villageId, Capacity = capacity, ProjectOfficer = "ouchar.vbsw1", Eligibility = "test", CreatedAt = TestClock.UtcNow };
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
            return (programme.Id, kids.Select(k => k.Id).ToList());
        });
    }

    internal static Task<int> EnrolDirectAsync(HiveApp app, int programme, int person, DateOnly start) =>
        app.WithDbAsync(async db =>
        {
            var e = new Enrolment { ProgrammeId = programme, PersonId = person, StartDate = start, EnrolledBy = "test", EnrolledAt = TestClock.UtcNow };
            db.Enrolments.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    private static Dictionary<string, string> Enrol(int person, string? reason = null)
    {
        var form = new Dictionary<string, string> { ["Input.PersonId"] = person.ToString(), ["Input.StartDate"] = Today.ToString("yyyy-MM-dd") };
        if (reason is not null) form["Input.OverCapacityReason"] = reason;
        return form;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Enrolment_above_capacity_needs_a_reason_and_a_duplicate_is_refused(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await NewProgrammeAsync(app, "02030901", capacity: 1, children: 2);
        var client = await app.As("ouchar.vbsw1");
        var url = $"/Programmes/{programme}/Enrol";

        (await client.PostFormAsync(url, Enrol(kids[0]))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var duplicate = await client.PostFormAsync(url, Enrol(kids[0], "again"));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("បានចុះឈ្មោះក្នុងកម្មវិធីនេះរួចហើយ");

        var full = await client.PostFormAsync(url, Enrol(kids[1]));
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await full.Content.ReadAsStringAsync()).ShouldContain("កម្មវិធីពេញហើយ");
        (await client.PostFormAsync(url, Enrol(kids[1], "Sibling of an enrolled child"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = await app.WithDbAsync(db => db.Enrolments.Where(e => e.ProgrammeId == programme).OrderBy(e => e.Id).ToListAsync());
        rows.Count.ShouldBe(2);
        rows[1].OverCapacityReason.ShouldBe("Sibling of an enrolled child");
        rows[0].EnrolledBy.ShouldBe("ouchar.vbsw1");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Saving_a_day_twice_replaces_the_marks_and_a_future_day_is_refused(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await NewProgrammeAsync(app, "02030902", capacity: 10, children: 1);
        var enrolment = await EnrolDirectAsync(app, programme, kids[0], Today.AddDays(-30));
        var client = await app.As("ouchar.vbsw1");
        var day = AbsenceRule.PreviousSchoolDay(Today, []);
        var url = $"/Programmes/{programme}/Attendance?date={day:yyyy-MM-dd}";
        Dictionary<string, string> Mark(string status) => new() { ["Date"] = day.ToString("yyyy-MM-dd"), ["Marks[0].EnrolmentId"] = enrolment.ToString(), ["Marks[0].Status"] = status };

        (await client.PostFormAsync(url, Mark("Absent"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostFormAsync(url, Mark("Excused"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var marks = await app.WithDbAsync(db => db.ProgrammeAttendance.Where(a => a.EnrolmentId == enrolment).ToListAsync());
        marks.ShouldHaveSingleItem().Status.ShouldBe(AttendanceStatus.Excused);
        // The change is in the audit log.
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "ProgrammeAttendance" && a.EntityId == marks[0].Id.ToString()))).ShouldBeGreaterThanOrEqualTo(2);

        var future = Today.AddDays(3);
        var futureUrl = $"/Programmes/{programme}/Attendance?date={future:yyyy-MM-dd}";
        var refused = await client.PostFormAsync(futureUrl, new() { ["Date"] = future.ToString("yyyy-MM-dd"), ["Marks[0].EnrolmentId"] = enrolment.ToString(), ["Marks[0].Status"] = "Present" }, formPage: url);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("ថ្ងៃអនាគត");
        (await app.WithDbAsync(db => db.ProgrammeAttendance.CountAsync(a => a.EnrolmentId == enrolment && a.Date == future))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_school_days_absent_open_one_follow_up_and_a_concern_opens_exactly_one_referral(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, kids) = await NewProgrammeAsync(app, "02030903", capacity: 10, children: 1);
        var enrolment = await EnrolDirectAsync(app, programme, kids[0], Today.AddDays(-30));
        var client = await app.As("ouchar.vbsw1");
        var second = AbsenceRule.PreviousSchoolDay(Today, []);
        var first = AbsenceRule.PreviousSchoolDay(second, []);
        foreach (var day in new[] { first, second, second })
        {
            var url = $"/Programmes/{programme}/Attendance?date={day:yyyy-MM-dd}";
            var response = await client.PostFormAsync(url, new() { ["Date"] = day.ToString("yyyy-MM-dd"), ["Marks[0].EnrolmentId"] = enrolment.ToString(), ["Marks[0].Status"] = "Absent" });
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        var followUp = await app.WithDbAsync(db => db.AbsenceFollowUps.Where(f => f.EnrolmentId == enrolment).ToListAsync());
        followUp.ShouldHaveSingleItem().FromDate.ShouldBe(first);
        followUp[0].Days.ShouldBe(2);
        (await client.GetHtmlAsync($"/Programmes/{programme}/FollowUps")).ShouldContain($"/Programmes/FollowUps/{followUp[0].Id}\"");

        var page = $"/Programmes/FollowUps/{followUp[0].Id}";
        var form = new Dictionary<string, string>
        {
            ["Input.Reason"] = "ConflictAtHome", ["Input.ActionTaken"] = "Home visit", ["Input.Outcome"] = "ReferredToSocialWorker",
            ["Input.Concern"] = "true", ["Input.Concerns"] = "Violence", ["Input.Urgency"] = "Soon", ["Input.Version"] = "0",
        };
        (await client.PostFormAsync(page, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same form sent again (a double tap) is a stale version: no second referral.
        (await client.PostFormAsync(page, form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await app.WithDbAsync(db => db.AbsenceFollowUps.Include(f => f.Referral!).ThenInclude(r => r.Children).SingleAsync(f => f.Id == followUp[0].Id));
        saved.Status.ShouldBe(FollowUpStatus.Closed);
        saved.Outcome.ShouldBe(FollowUpOutcome.ReferredToSocialWorker);
        saved.Referral.ShouldNotBeNull().Concerns.ShouldBe(Concerns.Violence);
        saved.Referral.Children.ShouldHaveSingleItem().PersonId.ShouldBe(kids[0]);
        (await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.Children.Any(c => c.PersonId == kids[0])))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Svay_Pao_users_do_not_see_the_Ou_Char_programme(string provider)
    {
        var app = await apps.Get(provider);
        var demo = await app.WithDbAsync(db => db.Programmes.Where(p => p.Name == DemoCommunity.ProgrammeName).Select(p => p.Id).SingleAsync());
        (await (await app.As("ouchar.chief")).GetHtmlAsync("/Programmes")).ShouldContain($"/Programmes/{demo}\"");
        foreach (var user in new[] { "svaypao.ccwc", "svaypao.vbsw1" })
        {
            var client = await app.As(user);
            (await client.GetHtmlAsync("/Programmes")).ShouldNotContain($"/Programmes/{demo}\"");
            await client.GetHtmlAsync($"/Programmes/{demo}", HttpStatusCode.NotFound);
            await client.GetHtmlAsync($"/Programmes/{demo}/Attendance", HttpStatusCode.NotFound);
            await client.GetHtmlAsync($"/Programmes/{demo}/FollowUps", HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_demo_programme_has_41_children_in_its_first_year_and_this_years_a_term_of_attendance_and_two_follow_ups(string provider)
    {
        var app = await apps.Get(provider);
        var facts = await app.WithDbAsync(async db =>
        {
            var p = await db.Programmes.SingleAsync(x => x.Name == DemoCommunity.ProgrammeName);
            var seeded = db.Enrolments.Where(e => e.ProgrammeId == p.Id && e.EnrolledBy == DemoCommunity.ProjectOfficer && e.YearEnd >= Today);
            return new
            {
                FirstYear = await db.Enrolments.CountAsync(e => e.ProgrammeId == p.Id && e.EnrolledBy == DemoCommunity.ProjectOfficer && e.StartDate == DemoCommunity.ProgrammeStart),
                Children = await seeded.CountAsync(),
                Days = await db.ProgrammeAttendance.Where(a => seeded.Any(e => e.Id == a.EnrolmentId)).Select(a => a.Date).Distinct().CountAsync(),
                Referred = await db.AbsenceFollowUps.CountAsync(f => seeded.Any(e => e.Id == f.EnrolmentId) && f.ReferralId != null && f.Outcome == FollowUpOutcome.ReferredToSocialWorker),
                Back = await db.AbsenceFollowUps.CountAsync(f => seeded.Any(e => e.Id == f.EnrolmentId) && f.Outcome == FollowUpOutcome.BackInProgramme),
            };
        });
        facts.FirstYear.ShouldBe(DemoCommunity.Children);
        facts.Children.ShouldBe(DemoProgrammeYears.Rosters[^1]);
        facts.Days.ShouldBeGreaterThan(50);
        facts.Referred.ShouldBe(1);
        facts.Back.ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_CCWC_sets_up_a_programme_in_a_village_of_the_commune_and_bad_numbers_are_refused(string provider)
    {
        var app = await apps.Get(provider);
        var ccwc = await app.As("ouchar.ccwc");
        var village = await app.VillageIdAsync("02030902");
        var name = "Reading club " + DemoData.UniqueLatin();
        Dictionary<string, string> Form(string capacity) => new()
        {
            ["Input.Name"] = name, ["Input.VillageId"] = village.ToString(), ["Input.Eligibility"] = "Children 6-12 of the village",
            ["Input.Capacity"] = capacity, ["Input.AbsenceThreshold"] = "3", ["Input.ProjectOfficer"] = "ouchar.vbsw1",
        };
        var refused = await ccwc.PostFormAsync("/Programmes/New", Form("0"), formPage: "/Programmes/New");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Programmes.CountAsync(p => p.Name == name))).ShouldBe(0);

        var created = await ccwc.PostFormAsync("/Programmes/New", Form("25"), formPage: "/Programmes/New");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var programme = await app.WithDbAsync(db => db.Programmes.SingleAsync(p => p.Name == name));
        programme.Capacity.ShouldBe(25);
        programme.AbsenceThreshold.ShouldBe(3);
        programme.VillageId.ShouldBe(village);
        created.Headers.Location!.OriginalString.ShouldBe($"/Programmes/{programme.Id}");
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/Programmes")).ShouldContain(name);
        await (await app.As("svaypao.ccwc")).GetHtmlAsync($"/Programmes/{programme.Id}", HttpStatusCode.NotFound);
        await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/Programmes/New", HttpStatusCode.Forbidden);
    }
}
