using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// My work on the home page (what is due, grouped as overdue, today and this week, each a link to where it is done),
/// a supervisor's team with caseloads, and absence follow-ups on /Cases/Overdue; never another commune's work.
/// Items are dated long ago so that they are the first of their group whatever other tests added.
/// </summary>
public sealed partial class MyWorkTests(Apps apps)
{
    private static readonly DateOnly Today = TestClock.Today;

    /// <summary>The list of one group of My work on the home page ("" when the group is not shown).</summary>
    private static string Group(string html, DueGroup group)
    {
        var id = "id=\"my-work-" + group.ToString().ToLowerInvariant() + "\"";
        var start = html.IndexOf(id, StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_worker_sees_their_overdue_task_visit_and_review_and_what_is_due_today_and_this_week(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.ActiveSupport, Tier.EarlyIntervention, Priority.Low);
        var late = "Late " + DemoData.UniqueLatin();
        var now = "Today " + DemoData.UniqueLatin();
        var soon = "Soon " + DemoData.UniqueLatin();
        await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            c.NextReviewDueOn = Today.AddDays(-3000);
            db.Visits.Add(new Visit { CaseId = caseId, VisitedOn = Today.AddDays(-3000), Place = "home", WhoWasSeen = "mother", Observations = "-", RecordedBy = "ouchar.vbsw1", RecordedAt = TestClock.UtcNow });
            foreach (var (text, due) in new[] { (late, Today.AddDays(-2990)), (now, Today), (soon, Today.AddDays(3)) })
                db.CaseTasks.Add(new CaseTask { CaseId = caseId, Text = text, DueOn = due, AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.senior", CreatedAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });

        var html = await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/");
        html.ShouldContain("id=\"my-work\"");
        var overdue = Group(html, DueGroup.Overdue);
        overdue.ShouldContain($"href=\"/Cases/{caseId}/Reviews/New\"");
        overdue.ShouldContain($"href=\"/Cases/{caseId}/Visits/New\"");
        overdue.ShouldContain($"href=\"/Cases/{caseId}/Tasks\"");
        overdue.ShouldContain(late);
        // Today and this week hold other tests' work of ouchar.vbsw1 too (same due day, older cases first): the item is
        // in the group's first rows, or the group is full and its "see all" list has it.
        var worker = await app.As("ouchar.vbsw1");
        foreach (var (group, text) in new[] { (DueGroup.Today, now), (DueGroup.ThisWeek, soon) })
        {
            var shown = Group(html, group);
            if (shown.Contains(text, StringComparison.Ordinal)) continue;
            Regex.Count(shown, "class=\"hive-work-row\"").ShouldBe(VillageHive.Features.Cases.MyWork.RowsPerGroup, $"{group}: not shown, yet the group is not full");
            (await worker.GetHtmlAsync($"/Cases/Overdue?mine=true&due={group}")).ShouldContain(text, customMessage: group.ToString());
        }
        html.ShouldNotContain("id=\"my-team\"");

        // The visit, once recorded today, is no longer due; the task once done leaves the list.
        await app.WithDbAsync(async db =>
        {
            db.Visits.Add(new Visit { CaseId = caseId, VisitedOn = Today, Place = "home", WhoWasSeen = "mother", Observations = "-", RecordedBy = "ouchar.vbsw1", RecordedAt = TestClock.UtcNow });
            (await db.CaseTasks.SingleAsync(t => t.Text == late)).DoneAt = TestClock.UtcNow;
            await db.SaveChangesAsync();
        });
        var after = Group(await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/"), DueGroup.Overdue);
        after.ShouldNotContain($"href=\"/Cases/{caseId}/Visits/New\"");
        after.ShouldNotContain(late);
        after.ShouldContain($"href=\"/Cases/{caseId}/Reviews/New\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_supervisor_sees_their_team_with_each_workers_caseload(string provider)
    {
        var app = await apps.Get(provider);
        await app.NewCaseAsync("02030905", "ouchar.vbsw2", CaseStatus.ActiveSupport);
        Task<int> LedAsync() => app.WithDbAsync(db => db.Cases.CountAsync(c => c.LeadWorker == "ouchar.vbsw2" && c.Status != CaseStatus.Closed && c.Village!.Commune!.NameEn == "Ou Char"));
        var before = await LedAsync();
        var html = await (await app.As("ouchar.senior")).GetHtmlAsync("/");
        var after = await LedAsync();
        html.ShouldContain("id=\"my-team\"");
        var row = TeamRow().Matches(html).Select(m => (Worker: m.Groups[1].Value, Caseload: int.Parse(m.Groups[2].Value), Overdue: int.Parse(m.Groups[3].Value))).ToList();
        var vbsw2 = row.Single(r => r.Worker == "ouchar.vbsw2");
        vbsw2.Caseload.ShouldBeInRange(before, after);
        vbsw2.Caseload.ShouldBeGreaterThan(0);
        row.ShouldContain(r => r.Worker == "ouchar.vbsw1");
        row.ShouldNotContain(r => r.Worker == "ouchar.senior" || r.Worker.StartsWith("svaypao.", StringComparison.Ordinal));
        html.ShouldContain("href=\"/Cases?worker=ouchar.vbsw2&amp;mine=false\"");
        html.ShouldContain("href=\"/Cases/Overdue?owner=ouchar.vbsw2\"");
        // The link lands on that worker's overdue work, as many items as the team row counts (vbsw1's are on cases they
        // do not lead but are on the team of, and theirs to do).
        var senior = await app.As("ouchar.senior");
        foreach (var worker in new[] { "ouchar.vbsw1", "ouchar.vbsw2" })
        {
            var list = await senior.GetHtmlAsync("/Cases/Overdue?owner=" + worker);
            list.ShouldContain("id=\"overdue-owner\"");
            var listed = int.Parse(OverdueCount().Match(list).Groups[1].Value);
            var counted = row.Single(r => r.Worker == worker).Overdue;
            // Other tests add overdue work meanwhile: the list, read later, has at least what the row counted.
            listed.ShouldBeGreaterThanOrEqualTo(counted, worker);
            if (worker == "ouchar.vbsw1") counted.ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_communes_work_is_not_shown(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var task = "Ou Char only " + DemoData.UniqueLatin();
        await app.WithDbAsync(db =>
        {
            db.CaseTasks.Add(new CaseTask { CaseId = caseId, Text = task, DueOn = Today.AddDays(-2995), AssignedTo = "svaypao.vbsw1", CreatedBy = "ouchar.senior", CreatedAt = TestClock.UtcNow });
            return db.SaveChangesAsync();
        });
        // Even assigned to a Svay Pao worker by mistake, a case they may not see stays off their list.
        (await (await app.As("svaypao.vbsw1")).GetHtmlAsync("/")).ShouldNotContain(task);
        var ccwc = await (await app.As("svaypao.ccwc")).GetHtmlAsync("/");
        ccwc.ShouldNotContain(task);
        ccwc.ShouldNotContain("data-worker=\"ouchar.");
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Cases/Overdue?owner=ouchar.vbsw1")).ShouldNotContain(task);
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/")).ShouldContain(task);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_absence_follow_up_past_due_joins_the_overdue_list(string provider)
    {
        var app = await apps.Get(provider);
        var (programme, children) = await ProgrammeTests.NewProgrammeAsync(app, "02030901", 10, 2);
        var ids = new List<int>();
        foreach (var (child, from) in children.Zip(new[] { Today.AddDays(-3100), Today.AddDays(-2) }))
        {
            // Enrolled this term: a long-past enrolment would count in past years' reports (ImpactReportTests).
            var enrolment = await ProgrammeTests.EnrolDirectAsync(app, programme, child, Today.AddDays(-10));
            ids.Add(await app.WithDbAsync(async db =>
            {
                var f = new AbsenceFollowUp { EnrolmentId = enrolment, FromDate = from, Days = 2, Status = FollowUpStatus.Open, CreatedAt = TestClock.UtcNow };
                db.AbsenceFollowUps.Add(f);
                await db.SaveChangesAsync();
                return f.Id;
            }));
        }
        var (late, recent) = (ids[0], ids[1]);
        FollowUpRules.DueBefore.Holds(new AbsenceFollowUp { FromDate = Today.AddDays(-3100), Status = FollowUpStatus.Open }, Today).ShouldBeTrue();

        var senior = await (await app.As("ouchar.senior")).GetHtmlAsync("/Cases/Overdue?mine=false");
        senior.ShouldContain($"href=\"/Programmes/FollowUps/{late}\"");
        senior.ShouldNotContain($"href=\"/Programmes/FollowUps/{recent}\"");
        // The project officer has it on their own list and on the home page; the recent one is due this week.
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/Cases/Overdue?mine=true")).ShouldContain($"href=\"/Programmes/FollowUps/{late}\"");
        var home = await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/");
        Group(home, DueGroup.Overdue).ShouldContain($"href=\"/Programmes/FollowUps/{late}\"");
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync($"/Cases/Overdue?owner=ouchar.vbsw1&due=ThisWeek"))
            .ShouldNotContain($"href=\"/Programmes/FollowUps/{late}\"");
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Cases/Overdue?mine=false")).ShouldNotContain($"href=\"/Programmes/FollowUps/{late}\"");

        // Followed up: off the list.
        await app.WithDbAsync(async db =>
        {
            (await db.AbsenceFollowUps.SingleAsync(f => f.Id == late)).Status = FollowUpStatus.Closed;
            await db.SaveChangesAsync();
        });
        (await (await app.As("ouchar.senior")).GetHtmlAsync("/Cases/Overdue?mine=false")).ShouldNotContain($"href=\"/Programmes/FollowUps/{late}\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_lists_refuse_nonsense_parameters_without_an_error(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.senior");
        foreach (var url in new[] { "/Cases/Overdue?due=Bogus", "/Cases/Overdue?due=99", "/Cases/Overdue?owner=" + new string('x', 400), "/Cases/Overdue?owner=%00&p=-5" })
            (await client.GetAsync(url)).StatusCode.ShouldBeOneOf(System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.BadRequest);
    }

    [GeneratedRegex("id=\"overdue-count\">[^<0-9]*(\\d+)")]
    private static partial Regex OverdueCount();

    [GeneratedRegex("data-worker=\"([^\"]+)\" data-caseload=\"(\\d+)\" data-overdue=\"(\\d+)\"")]
    private static partial Regex TeamRow();
}
