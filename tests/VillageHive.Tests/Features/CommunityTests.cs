using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class CommunityTests(Apps apps)
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_worker_creates_an_activity_and_a_community_member_takes_session_attendance_in_their_village(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030901");
        var title = "Workshop " + DemoData.UniqueLatin();
        var worker = await app.As("ouchar.vbsw1");
        var created = await worker.PostFormAsync("/Community/New", new()
        {
            ["Input.Type"] = "Workshop", ["Input.Title"] = title, ["Input.Topic"] = "Home safety", ["Input.Facilitator"] = "ouchar.member1", ["Input.VillageIds"] = village.ToString(),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var activity = await app.WithDbAsync(db => db.Activities.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());

        var member = await app.As("ouchar.member1");
        (await member.GetHtmlAsync("/Community")).ShouldContain($"/Community/{activity}\"");
        var today = TestClock.Today;
        var session = await member.PostFormAsync($"/Community/{activity}", new() { ["Input.Date"] = today.ToString("yyyy-MM-dd"), ["Input.VillageId"] = village.ToString(), ["Input.Place"] = "Pagoda" });
        session.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sessionId = await app.WithDbAsync(db => db.ActivitySessions.Where(s => s.ActivityId == activity).Select(s => s.Id).SingleAsync());

        var household = await app.UniqueHouseholdAsync("02030901");
        var person = await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync());
        var url = $"/Community/Sessions/{sessionId}";
        var search = await member.PostFormAsync($"{url}?handler=Search", new() { ["Input.Q"] = household.HeadLatin, ["Input.Version"] = "0" }, formPage: url);
        (await search.Content.ReadAsStringAsync()).ShouldContain($"value=\"{person}\"");
        (await member.PostFormAsync(url, new()
        {
            ["Input.Present"] = person.ToString(), ["Input.GuestCounts[0]"] = "2", ["Input.GuestCounts[3]"] = "1", ["Input.Version"] = "0",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await member.PostFormAsync(url, new()
        {
            ["Input.Present"] = person.ToString(), ["Input.GuestCounts[0]"] = "3", ["Input.Version"] = "1",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rows = await app.WithDbAsync(db => db.SessionAttendance.Where(a => a.SessionId == sessionId).ToListAsync());
        rows.Count(r => r.PersonId == person).ShouldBe(1);
        rows.Where(r => r.PersonId == null).Sum(r => r.GuestCount).ShouldBe(3);

        // The person's participation shows on their household page.
        (await worker.GetHtmlAsync($"/Registry/Households/{household.Id}")).ShouldContain(title);
        // A community member does not create activities; Svay Pao sees none of it.
        (await member.GetAsync("/Community/New")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var svayPao = await app.As("svaypao.vbsw1");
        (await svayPao.GetHtmlAsync("/Community")).ShouldNotContain($"/Community/{activity}\"");
        await svayPao.GetHtmlAsync($"/Community/{activity}", HttpStatusCode.NotFound);
        await svayPao.GetHtmlAsync(url, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_calendar_shows_the_month_s_sessions_of_the_village(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030901");
        var today = TestClock.Today;
        var session = await app.WithDbAsync(db => db.ActivitySessions.Where(s => s.VillageId == village && s.Date.Year == today.Year && s.Date.Month == today.Month).Select(s => (int?)s.Id).FirstOrDefaultAsync());
        var html = await (await app.As("ouchar.chief")).GetHtmlAsync($"/Community?village={village}&month={today:yyyy-MM}");
        if (session is { } id) html.ShouldContain($"/Community/Sessions/{id}\"");
        else html.ShouldContain("id=\"calendar\"");
    }
}
