using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The lead worker passed on by a supervisor (/Cases/{id}/Team), and a leaving worker's cases, team places and tasks
/// handed to a colleague in one step (/Admin/Users/{id}/Handover), each change on the case's timeline.
/// </summary>
public sealed class CaseAssignmentTests(Apps apps)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_supervisor_passes_the_lead_with_a_reason_and_the_old_lead_stays_on_the_team(string provider)
    {
        var app = await apps.Get(provider);
        var old = Unique("lead.");
        await app.CreateUserInVillagesAsync(old, Roles.VillageSocialWorker, "02030901");
        var caseId = await app.NewCaseAsync("02030901", old);
        var senior = await app.As("ouchar.senior");
        var page = await senior.GetHtmlAsync($"/Cases/{caseId}/Team");
        page.ShouldContain("id=\"lead-form\"");

        // Without a reason, or to someone outside the village: refused, nothing changed.
        (await senior.PostFormAsync($"/Cases/{caseId}/Team?handler=Lead", new() { ["NewLead"] = "ouchar.vbsw1", ["Reason"] = " " }, $"/Cases/{caseId}/Team"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await senior.PostFormAsync($"/Cases/{caseId}/Team?handler=Lead", new() { ["NewLead"] = "svaypao.vbsw1", ["Reason"] = "x" }, $"/Cases/{caseId}/Team"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.LeadWorker).SingleAsync())).ShouldBe(old);

        var moved = await senior.PostFormAsync($"/Cases/{caseId}/Team?handler=Lead",
            new() { ["NewLead"] = "ouchar.vbsw1", ["Reason"] = "ស្គាល់គ្រួសារនេះច្បាស់" }, $"/Cases/{caseId}/Team");
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await app.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Team).SingleAsync(c => c.Id == caseId));
        after.LeadWorker.ShouldBe("ouchar.vbsw1");
        after.Team.Select(t => t.UserName).ShouldBe([old]);
        var record = await app.WithDbAsync(db => db.CaseAssignments.SingleAsync(a => a.CaseId == caseId));
        (record.FromUser, record.ToUser, record.ChangedBy, record.Handover).ShouldBe((old, "ouchar.vbsw1", "ouchar.senior", false));

        // On the case's timeline, with the reason.
        (await senior.GetHtmlAsync($"/Cases/{caseId}")).ShouldContain($"អ្នកដឹកនាំករណី {old} → សុខ ស្រីមុំ (VBSW Ou Char): ស្គាល់គ្រួសារនេះច្បាស់");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_leaving_worker_hands_over_cases_team_places_and_tasks_and_a_case_outside_the_colleagues_villages_stays(string provider)
    {
        var app = await apps.Get(provider);
        var leaver = Unique("leaver.");
        var colleague = Unique("colleague.");
        var leaverId = await app.CreateUserInVillagesAsync(leaver, Roles.VillageSocialWorker, "02030901", "02030902");
        await app.CreateUserInVillagesAsync(colleague, Roles.VillageSocialWorker, "02030901");
        var led = await app.NewCaseAsync("02030901", leaver);
        var elsewhere = await app.NewCaseAsync("02030902", leaver);
        var member = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        await app.WithDbAsync(async db =>
        {
            db.CaseTeamMembers.Add(new CaseTeamMember { CaseId = member, UserName = leaver, AddedAt = TestClock.UtcNow, AddedBy = "test" });
            db.CaseTasks.Add(new CaseTask { CaseId = led, Text = "ទៅសួរសុខទុក្ខ", DueOn = TestClock.Today, AssignedTo = leaver, CreatedBy = leaver, CreatedAt = TestClock.UtcNow });
            db.CaseTasks.Add(new CaseTask { CaseId = member, Text = "ហៅទូរស័ព្ទ", DueOn = TestClock.Today, AssignedTo = leaver, CreatedBy = leaver, CreatedAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });

        var admin = await app.As("admin");
        var url = $"/Admin/Users/{leaverId}/Handover";
        (await admin.GetHtmlAsync(url)).ShouldContain($"#{elsewhere}");
        (await admin.PostFormAsync(url, new() { ["To"] = colleague, ["Reason"] = "" }, url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == led).Select(c => c.LeadWorker).SingleAsync())).ShouldBe(leaver);

        var done = await admin.PostFormAsync(url, new() { ["To"] = colleague, ["Reason"] = "ឈប់សម្រាកលំហែមាតុភាព" }, url);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cases = await app.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Team).Where(c => c.Id == led || c.Id == elsewhere || c.Id == member).ToDictionaryAsync(c => c.Id));
        cases[led].LeadWorker.ShouldBe(colleague);
        cases[led].Team.ShouldNotContain(t => t.UserName == leaver);
        cases[elsewhere].LeadWorker.ShouldBe(leaver, "the colleague does not work in village 02");
        cases[member].Team.Select(t => t.UserName).ShouldBe([colleague]);
        var tasks = await app.WithDbAsync(db => db.CaseTasks.Where(t => t.CaseId == led || t.CaseId == member).Select(t => t.AssignedTo).ToListAsync());
        tasks.ShouldAllBe(t => t == colleague);
        (await app.WithDbAsync(db => db.CaseAssignments.SingleAsync(a => a.CaseId == led))).Handover.ShouldBeTrue();

        // What stays is said on the page; the case's timeline tells the handover.
        (await admin.GetHtmlAsync(url)).ShouldContain($"#{elsewhere}");
        (await (await app.As("ouchar.senior")).GetHtmlAsync($"/Cases/{led}")).ShouldContain($"បានប្រគល់៖ {leaver} → {colleague}");
    }
}
