using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed partial class HotlineTests(Apps apps)
{
    [GeneratedRegex("name=\"Input.IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex IdempotencyKey();

    private static Dictionary<string, string> Call(string summary, int? villageId, string callerName = "នារី", Urgency urgency = Urgency.Soon) => new()
    {
        // The key the form carries from the moment it is shown; a resend of the same form repeats it.
        ["Input.IdempotencyKey"] = Guid.NewGuid().ToString(),
        ["Input.ReceivedAt"] = TestClock.LocalNow.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.CallerName"] = callerName,
        ["Input.CallerPhone"] = "012 345 678",
        ["Input.CallerRelation"] = "អ្នកជិតខាង",
        ["Input.Summary"] = summary,
        ["Input.Location"] = "ជិតវត្ត",
        ["Input.VillageId"] = villageId?.ToString() ?? "",
        ["Input.Urgency"] = urgency.ToString(),
    };

    private static async Task<int> LogCallAsync(HiveApp app, HttpClient client, string summary, int? villageId)
    {
        var response = await client.PostFormAsync("/Hotline", Call(summary, villageId));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await app.WithDbAsync(db => db.HotlineCalls.Where(c => c.Summary == summary).Select(c => c.Id).SingleAsync());
    }

    /// <summary>The referral form as "Turn into a referral" shows it, with one new child added and sent.</summary>
    private static async Task<HttpResponseMessage> SubmitReferralAsync(HttpClient client, string form, Dictionary<string, string> extra)
    {
        var html = await client.GetHtmlAsync(form);
        var fields = new Dictionary<string, string>
        {
            ["Input.IdempotencyKey"] = IdempotencyKey().Match(html).Groups[1].Value,
            ["Input.Children[0].FamilyNameKm"] = "សុខ",
            ["Input.Children[0].GivenNameKm"] = "ដារ៉ា" + Guid.NewGuid().ToString("N")[..4],
            ["Input.Children[0].FamilyNameLatin"] = "Sok",
            ["Input.Children[0].GivenNameLatin"] = DemoData.UniqueLatin(),
            ["Input.Children[0].Sex"] = "Female",
            ["Input.Children[0].AgeYears"] = "7",
            ["Input.Children[0].Match"] = "new",
            ["Input.Consent"] = "Given",
        };
        foreach (var (k, v) in extra) fields[k] = v;
        // The form already open: when two people turn the same call at once, the second page is not asked for again
        // (it would now go to the referral the first one made).
        return await client.PostFormFromAsync(form, html, fields);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_village_social_worker_logs_a_call_seen_in_the_commune_and_not_in_another(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        var village = await app.VillageIdAsync("02030901");
        var summary = "កុមារនៅផ្ទះម្នាក់ឯង " + Guid.NewGuid().ToString("N");
        var fields = Call(summary, village);

        (await client.PostFormAsync("/Hotline", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same form sent again (a double tap) does not log the call twice.
        (await client.PostFormAsync("/Hotline", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var saved = await app.WithDbAsync(db => db.HotlineCalls.AsNoTracking().Where(c => c.Summary == summary).ToListAsync());
        saved.Count.ShouldBe(1);
        saved[0].TakenBy.ShouldBe("ouchar.vbsw1");
        saved[0].VillageId.ShouldBe(village);
        saved[0].CallerPhone.ShouldBe("012345678");
        saved[0].Urgency.ShouldBe(Urgency.Soon);

        (await client.GetHtmlAsync("/Hotline")).ShouldContain(summary);
        (await (await app.As("ouchar.senior")).GetHtmlAsync("/Hotline")).ShouldContain(summary);
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Hotline")).ShouldNotContain(summary);
        (await (await app.As("svaypao.vbsw1")).GetHtmlAsync("/Hotline")).ShouldNotContain(summary);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_call_without_a_village_is_seen_by_its_taker_and_the_commune_workers_only(string provider)
    {
        var app = await apps.Get(provider);
        var summary = "មិនដឹងភូមិ " + Guid.NewGuid().ToString("N");
        await LogCallAsync(app, await app.As("ouchar.vbsw1"), summary, null);

        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/Hotline")).ShouldContain(summary);
        (await (await app.As("ouchar.ccwc")).GetHtmlAsync("/Hotline")).ShouldContain(summary);
        (await (await app.As("svaypao.vbsw1")).GetHtmlAsync("/Hotline")).ShouldNotContain(summary);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_calls_are_refused_in_Khmer_and_nothing_is_saved(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        var marker = "Bad" + Guid.NewGuid().ToString("N")[..8];
        var svayPao = await app.VillageIdAsync("02030201");
        var ouChar = await app.VillageIdAsync("02030901");
        var cases = new (Dictionary<string, string> Fields, string Message)[]
        {
            (Call("", ouChar, marker), "ត្រូវបំពេញព័ត៌មាននេះ។"),
            (Call("   ", ouChar, marker), "ត្រូវបំពេញព័ត៌មាននេះ។"),
            (Call(new string('ក', 10_000), ouChar, marker), "វែងពេក៖ យ៉ាងច្រើន"),
            (Call("ករណីមួយ", svayPao, marker), "ភូមិនេះមិនស្ថិតក្នុងតំបន់របស់អ្នកទេ។"),
        };
        foreach (var (fields, message) in cases)
        {
            var response = await client.PostFormAsync("/Hotline", fields);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        }
        (await app.WithDbAsync(db => db.HotlineCalls.CountAsync(c => c.CallerName == marker))).ShouldBe(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_call_turned_into_a_referral_is_linked_both_ways_and_never_twice(string provider)
    {
        var app = await apps.Get(provider);
        var vbsw = await app.As("ouchar.vbsw1");
        var senior = await app.As("ouchar.senior");
        var village = await app.VillageIdAsync("02030902");
        var summary = "ឪពុកម្ដាយទៅធ្វើការនៅថៃ " + Guid.NewGuid().ToString("N");
        var callId = await LogCallAsync(app, vbsw, summary, village);

        var form = $"/Referrals/New?hotlineCall={callId}";
        var html = await vbsw.GetHtmlAsync(form);
        html.ShouldContain(summary);
        html.ShouldContain("id=\"from-hotline\"");
        html.ShouldContain($"name=\"HotlineCall\" value=\"{callId}\"");
        html.ShouldContain("value=\"Hotline\" selected=\"selected\"");
        html.ShouldContain("012345678");
        await (await app.As("svaypao.ccwc")).GetHtmlAsync(form, HttpStatusCode.NotFound);

        var fields = new Dictionary<string, string>
        {
            ["HotlineCall"] = callId.ToString(),
            ["Input.VillageId"] = village.ToString(),
            ["Input.Channel"] = "Hotline",
            ["Input.Urgency"] = "Soon",
            ["Input.ConcernNote"] = summary,
            ["Input.Concerns"] = "ParentsMigrating",
        };
        // Two people turn the same call at the same moment, each with a form of their own.
        var responses = await Task.WhenAll(SubmitReferralAsync(vbsw, form, fields), SubmitReferralAsync(senior, form, fields));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        responses.Select(r => r.Headers.Location!.OriginalString).Distinct().Count().ShouldBe(1);

        var referrals = await app.WithDbAsync(db => db.Referrals.AsNoTracking().Where(r => r.HotlineCallId == callId).ToListAsync());
        referrals.Count.ShouldBe(1);
        referrals[0].Channel.ShouldBe(ReferralChannel.Hotline);
        referrals[0].ConcernNote.ShouldBe(summary);
        referrals[0].VillageId.ShouldBe(village);
        (await app.WithDbAsync(db => db.HotlineCalls.Where(c => c.Id == callId).Select(c => c.ReferralId).SingleAsync())).ShouldBe(referrals[0].Id);

        // Once referred, the button is gone and the form says so.
        var list = await vbsw.GetHtmlAsync("/Hotline");
        list.ShouldContain($"href=\"/Referrals/{referrals[0].Id}\"");
        list.ShouldNotContain($"hotlineCall={callId}\"");
        var again = await vbsw.GetAsync(form);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.OriginalString.ShouldBe("/Hotline");
        (await vbsw.GetHtmlAsync("/Hotline")).ShouldContain("ការហៅនេះត្រូវបានប្ដូរទៅជាការបញ្ជូនករណីរួចហើយ។");
        (await SubmitReferralAsync(vbsw, "/Referrals/New", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Referrals.CountAsync(r => r.HotlineCallId == callId))).ShouldBe(1);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_immediate_danger_referral_alerts_the_commune_until_acknowledged(string provider)
    {
        var app = await apps.Get(provider);
        var village = await app.VillageIdAsync("02030903");
        var response = await SubmitReferralAsync(await app.As("ouchar.vbsw1"), "/Referrals/New", new()
        {
            ["Input.VillageId"] = village.ToString(),
            ["Input.Channel"] = "InPerson",
            ["Input.Urgency"] = "ImmediateDanger",
            ["Input.Concerns"] = "Violence",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var referralId = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var alertId = await app.WithDbAsync(db => db.Alerts.Where(a => a.ReferralId == referralId).Select(a => a.Id).SingleAsync());
        var link = $"href=\"/Referrals/{referralId}\"";

        foreach (var user in new[] { "ouchar.senior", "ouchar.ccwc" })
        {
            var client = await app.As(user);
            var home = await client.GetHtmlAsync("/");
            home.ShouldContain("id=\"home-alerts\"", customMessage: user);
            home.ShouldContain(link, customMessage: user);
            home.ShouldContain("id=\"nav-alerts\"", customMessage: user);
            (await client.GetHtmlAsync("/Alerts")).ShouldContain(link, customMessage: user);
        }
        var other = await app.As("svaypao.ccwc");
        (await other.GetHtmlAsync("/")).ShouldNotContain(link);
        (await other.GetHtmlAsync("/Alerts")).ShouldNotContain(link);
        (await other.PostFormAsync("/Alerts?handler=Acknowledge", new() { ["id"] = alertId.ToString() }, formPage: "/Alerts")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync("/")).ShouldNotContain("id=\"home-alerts\"");

        var senior = await app.As("ouchar.senior");
        (await senior.PostFormAsync("/Alerts?handler=Acknowledge", new() { ["id"] = alertId.ToString() }, formPage: "/Alerts")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A second acknowledgement, by a colleague a moment later, is harmless and keeps the first.
        (await (await app.As("ouchar.ccwc")).PostFormAsync("/Alerts?handler=Acknowledge", new() { ["id"] = alertId.ToString() }, formPage: "/Alerts")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var alert = await app.WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId));
        alert.AcknowledgedBy.ShouldBe("ouchar.senior");
        alert.AcknowledgedAt.ShouldNotBeNull();
        (await senior.GetHtmlAsync("/")).ShouldNotContain(link);
        var page = await senior.GetHtmlAsync("/Alerts");
        page.ShouldContain(link);
        page.ShouldContain("ទទួលស្គាល់ដោយ ouchar.senior");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_community_network_member_may_not_open_the_hotline_or_the_alerts(string provider)
    {
        var app = await apps.Get(provider);
        var member = await app.As("ouchar.member1");
        (await member.GetAsync("/Hotline")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.GetAsync("/Alerts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.PostFormAsync("/Hotline", Call("x", null), formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var home = await member.GetHtmlAsync("/");
        home.ShouldNotContain("href=\"/Hotline\"");
        home.ShouldNotContain("href=\"/Alerts\"");
    }
}
