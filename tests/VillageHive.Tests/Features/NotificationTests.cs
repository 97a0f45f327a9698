using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Sms;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Notifications made in the same save as the change (a case's lead passed on), counted in the header, opened in one
/// tap, private to their recipient; the SMS outbox sends once, retries with back-off, and the HTTP gateway adapter
/// speaks to a real HTTP server in the test process.
/// </summary>
[Collection(OutboxSenderTests.Collection)]
public sealed class NotificationTests(Apps apps)
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Passing_the_lead_tells_the_new_lead_who_sees_the_count_and_opens_the_case_in_one_tap(string provider)
    {
        var app = await apps.Get(provider);
        var worker = Unique("notified.");
        await app.CreateUserInVillagesAsync(worker, Roles.VillageSocialWorker, "02030901");
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var senior = await app.As("ouchar.senior");
        (await senior.PostFormAsync($"/Cases/{caseId}/Team?handler=Lead", new() { ["NewLead"] = worker, ["Reason"] = "ស្គាល់គ្រួសារ" }, $"/Cases/{caseId}/Team"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var notes = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Recipient == worker).ToListAsync());
        notes.Count.ShouldBe(1);
        (notes[0].Subject, notes[0].CaseId, notes[0].ReadAt).ShouldBe((NotificationSubject.CaseAssigned, caseId, null));
        notes[0].CreatedAt.ShouldBe(TestClock.UtcNow, TimeSpan.FromMinutes(10));
        // The senior made the change: nothing for them.
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Recipient == "ouchar.senior" && n.CaseId == caseId))).ShouldBe(0);

        var client = await app.SignInAsync(worker, Db.DemoPassword);
        (await client.GetHtmlAsync("/")).ShouldContain("id=\"notification-badge\">1</span>");
        var list = await client.GetHtmlAsync("/Notifications");
        list.ShouldContain($"ករណីលេខ {caseId} ត្រូវបានប្រគល់ឱ្យអ្នក");
        list.ShouldContain($"id=\"notification-{notes[0].Id}\"");

        var open = await client.PostFormAsync($"/Notifications?handler=Open&id={notes[0].Id}", [], "/Notifications");
        open.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        open.Headers.Location!.OriginalString.ShouldBe($"/Cases/{caseId}");
        (await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == notes[0].Id).Select(n => n.ReadAt).SingleAsync())).ShouldNotBeNull();
        (await client.GetHtmlAsync("/")).ShouldNotContain("id=\"notification-badge\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Nobody_opens_or_marks_another_persons_notification_and_read_all_marks_only_ones_own(string provider)
    {
        var app = await apps.Get(provider);
        var owner = Unique("owner.");
        await app.CreateUserInVillagesAsync(owner, Roles.VillageSocialWorker, "02030901");
        var (first, second) = await app.WithDbAsync(async db =>
        {
            var a = new Notification { Recipient = owner, Subject = NotificationSubject.ClosureProposed, CaseId = 1, CreatedAt = TestClock.UtcNow };
            var b = new Notification { Recipient = owner, Subject = NotificationSubject.PlanAgreed, CaseId = 1, CreatedAt = TestClock.UtcNow };
            db.Notifications.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var other = await app.As("ouchar.vbsw2");
        (await other.PostFormAsync($"/Notifications?handler=Open&id={first}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostFormAsync($"/Notifications?handler=Read&id={first}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostFormAsync("/Notifications?handler=ReadAll", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await other.GetHtmlAsync("/Notifications")).ShouldNotContain($"id=\"notification-{first}\"");
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Recipient == owner && n.ReadAt == null))).ShouldBe(2);

        var client = await app.SignInAsync(owner, Db.DemoPassword);
        (await client.GetHtmlAsync("/Notifications")).ShouldContain("2 មិនទាន់អាន");
        (await client.PostFormAsync($"/Notifications?handler=Read&id={first}", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetHtmlAsync("/")).ShouldContain("id=\"notification-badge\">1</span>");
        (await client.PostFormAsync("/Notifications?handler=ReadAll", [], "/Notifications")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => (n.Id == first || n.Id == second) && n.ReadAt != null))).ShouldBe(2);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_person_who_chose_sms_gets_it_queued_with_the_notification_and_sent_once_by_the_file_sender(string provider)
    {
        var app = await apps.Get(provider);
        var worker = Unique("sms.");
        await app.CreateUserInVillagesAsync(worker, Roles.VillageSocialWorker, "02030901");
        var client = await app.SignInAsync(worker, Db.DemoPassword);

        // A number that is not Cambodian, or SMS without a number: refused in Khmer, nothing kept.
        var bad = await client.PostFormAsync("/Account/Notifications", new() { ["Phone"] = "+66 81 234 5678", ["Kinds"] = "CaseAssigned" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("នេះមិនមែនជាលេខទូរស័ព្ទកម្ពុជាទេ");
        var none = await client.PostFormAsync("/Account/Notifications", new() { ["Phone"] = "", ["Kinds"] = "CaseAssigned" });
        (await none.Content.ReadAsStringAsync()).ShouldContain("សូមបញ្ចូលលេខទូរស័ព្ទរបស់អ្នក");
        (await app.WithDbAsync(db => db.Users.Where(u => u.UserName == worker).Select(u => u.SmsKinds).SingleAsync())).ShouldBe(NotificationKind.None);

        (await client.PostFormAsync("/Account/Notifications", new() { ["Phone"] = "012 345 678", ["Kinds"] = "CaseAssigned" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == worker).Select(u => new { u.PhoneNumber, u.SmsKinds }).SingleAsync());
        (saved.PhoneNumber, saved.SmsKinds).ShouldBe(("012345678", NotificationKind.CaseAssigned));

        // The administrator sees the choice on the user's page.
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == worker).Select(u => u.Id).SingleAsync());
        (await (await app.As("admin")).GetHtmlAsync($"/Admin/Users/{userId}")).ShouldContain("012 345 678");

        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        (await (await app.As("ouchar.senior")).PostFormAsync($"/Cases/{caseId}/Team?handler=Lead", new() { ["NewLead"] = worker, ["Reason"] = "x" }, $"/Cases/{caseId}/Team"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sms = await app.WithDbAsync(db => db.SmsOutbox.AsNoTracking().Include(m => m.Notification).SingleAsync(m => m.Notification!.Recipient == worker));
        sms.To.ShouldBe("+85512345678");
        sms.Text.ShouldBe($"ភូមិឃ្មុំ (Village Hive): ករណីលេខ {caseId} ត្រូវបានប្រគល់ឱ្យអ្នក៖ ឥឡូវអ្នកជាអ្នកដឹកនាំករណីនេះ។");
        sms.SentAt.ShouldBeNull();

        var file = Path.Combine(Path.GetTempPath(), $"hive-sms-{Guid.NewGuid():N}.log");
        try
        {
            var sender = new FileSmsSender(file);
            await WithOutboxAsync(app, TestClock.Clock, sender, o => o.ProcessDueAsync());
            await WithOutboxAsync(app, TestClock.Clock, sender, o => o.ProcessDueAsync());
            (await File.ReadAllLinesAsync(file)).Count(l => l == $"+85512345678\t{sms.Text}").ShouldBe(1);
            var after = await app.WithDbAsync(db => db.SmsOutbox.AsNoTracking().SingleAsync(m => m.Id == sms.Id));
            (after.Attempts, after.SentAt is not null, after.ClaimedUntil).ShouldBe((1, true, null));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_gateway_adapter_posts_json_with_the_token_and_a_failure_is_retried_after_its_back_off_then_sent_once(string provider)
    {
        var app = await apps.Get(provider);
        await using var gateway = await Gateway.StartAsync(failures: 1);
        var sender = new HttpSmsSender(new HttpClient(), Options.Create(new SmsGatewayOptions { Url = gateway.Url, Token = "secret-token", SenderName = "VillageHive" }));
        // A time of its own, days before anything the other tests queue, so only this message is due.
        var t0 = TestClock.Start.AddDays(-30 - Random.Shared.Next(1000)).UtcDateTime;
        var id = await QueueAsync(app, t0, "+85512000111");

        (await WithOutboxAsync(app, TestClock.Stopped(t0), sender, o => o.ProcessDueAsync())).ShouldBe(0);
        var failed = await app.WithDbAsync(db => db.SmsOutbox.AsNoTracking().SingleAsync(m => m.Id == id));
        (failed.Attempts, failed.SentAt, failed.ClaimedUntil).ShouldBe((1, null, null));
        failed.LastError!.ShouldContain("503");
        failed.NextAttemptAt.ShouldBe(t0 + TimeSpan.FromMinutes(1));

        // Not before its back-off.
        (await WithOutboxAsync(app, TestClock.Stopped(t0.AddSeconds(30)), sender, o => o.ProcessDueAsync())).ShouldBe(0);
        gateway.Received.Count.ShouldBe(1);

        (await WithOutboxAsync(app, TestClock.Stopped(t0.AddSeconds(61)), sender, o => o.ProcessDueAsync())).ShouldBe(1);
        (await WithOutboxAsync(app, TestClock.Stopped(t0.AddSeconds(62)), sender, o => o.ProcessDueAsync())).ShouldBe(0);
        gateway.Received.Count.ShouldBe(2);
        var (auth, body) = gateway.Received.Last();
        auth.ShouldBe("Bearer secret-token");
        using (var json = JsonDocument.Parse(body))
        {
            json.RootElement.GetProperty("to").GetString().ShouldBe("+85512000111");
            json.RootElement.GetProperty("text").GetString().ShouldBe("សាកល្បង test");
            json.RootElement.GetProperty("from").GetString().ShouldBe("VillageHive");
        }
        var sent = await app.WithDbAsync(db => db.SmsOutbox.AsNoTracking().SingleAsync(m => m.Id == id));
        (sent.Attempts, sent.SentAt).ShouldBe((2, t0.AddSeconds(61)));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_senders_at_once_send_a_message_once_and_a_claim_left_by_a_dead_sender_runs_out(string provider)
    {
        var app = await apps.Get(provider);
        await using var gateway = await Gateway.StartAsync(failures: 0);
        var sender = new HttpSmsSender(new HttpClient(), Options.Create(new SmsGatewayOptions { Url = gateway.Url }));
        var t0 = TestClock.Start.AddDays(-2000 - Random.Shared.Next(1000)).UtcDateTime;
        var id = await QueueAsync(app, t0, "+85597123456");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WithOutboxAsync(app, TestClock.Stopped(t0), sender, o => o.ProcessDueAsync())));
        results.Sum().ShouldBe(1);
        gateway.Received.Count.ShouldBe(1);

        // A sender that took a message and died (a restart mid-send): nobody takes it until its claim runs out.
        var held = await QueueAsync(app, t0, "+85597123457");
        await app.WithDbAsync(db => db.SmsOutbox.Where(m => m.Id == held)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, t0 + OutboxRetry.Lease).SetProperty(m => m.ClaimToken, Guid.NewGuid()).SetProperty(m => m.Attempts, 1)));
        (await WithOutboxAsync(app, TestClock.Stopped(t0.AddMinutes(1)), sender, o => o.ProcessDueAsync())).ShouldBe(0);
        (await WithOutboxAsync(app, TestClock.Stopped(t0 + OutboxRetry.Lease + TimeSpan.FromSeconds(1)), sender, o => o.ProcessDueAsync())).ShouldBe(1);
        gateway.Received.Count.ShouldBe(2);
        (await app.WithDbAsync(db => db.SmsOutbox.Where(m => m.Id == held).Select(m => m.Attempts).SingleAsync())).ShouldBe(2);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_message_that_keeps_failing_is_given_up_after_the_last_attempt(string provider)
    {
        var app = await apps.Get(provider);
        await using var gateway = await Gateway.StartAsync(failures: int.MaxValue);
        var sender = new HttpSmsSender(new HttpClient(), Options.Create(new SmsGatewayOptions { Url = gateway.Url }));
        var at = TestClock.Start.AddDays(-4000 - Random.Shared.Next(1000)).UtcDateTime;
        var id = await QueueAsync(app, at, "+85512000222");
        for (var i = 1; i <= OutboxRetry.MaxAttempts; i++)
        {
            await WithOutboxAsync(app, TestClock.Stopped(at), sender, o => o.ProcessDueAsync());
            var row = await app.WithDbAsync(db => db.SmsOutbox.AsNoTracking().SingleAsync(m => m.Id == id));
            row.Attempts.ShouldBe(i);
            (row.NextAttemptAt - at).ShouldBe(OutboxRetry.DelayAfter(i));
            at = DateTime.SpecifyKind(row.NextAttemptAt, DateTimeKind.Utc);
        }
        (await app.WithDbAsync(db => db.SmsOutbox.Where(m => m.Id == id).Select(m => m.GaveUpAt).SingleAsync())).ShouldNotBeNull();
        (await WithOutboxAsync(app, TestClock.Stopped(at.AddDays(1)), sender, o => o.ProcessDueAsync())).ShouldBe(0);
        gateway.Received.Count.ShouldBe(OutboxRetry.MaxAttempts);
    }

    private static Task<long> QueueAsync(HiveApp app, DateTime at, string to) => app.WithDbAsync(async db =>
    {
        var m = new SmsMessage { To = to, Text = "សាកល្បង test", CreatedAt = at, NextAttemptAt = at };
        db.SmsOutbox.Add(m);
        await db.SaveChangesAsync();
        return m.Id;
    });

    private static async Task<int> WithOutboxAsync(HiveApp app, HiveClock clock, ISmsSender sender, Func<SmsOutbox, Task<int>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        return await work(new SmsOutbox(db, clock, sender, NullLogger<SmsOutbox>.Instance));
    }

    /// <summary>An SMS gateway in the test process: a real Kestrel server on a free port that answers 503 to the first <c>failures</c> posts.</summary>
    private sealed class Gateway : IAsyncDisposable
    {
        private readonly WebApplication web;
        private int failures;

        private Gateway(WebApplication web, int failures)
        {
            this.web = web;
            this.failures = failures;
        }

        public ConcurrentQueue<(string? Auth, string Body)> Received { get; } = new();
        public Uri Url { get; private set; } = null!;

        public static async Task<Gateway> StartAsync(int failures)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var gateway = new Gateway(builder.Build(), failures);
            gateway.web.MapPost("/sms", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                gateway.Received.Enqueue((context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, await reader.ReadToEndAsync()));
                return Interlocked.Decrement(ref gateway.failures) >= 0 ? Results.StatusCode(503) : Results.Ok(new { id = "accepted" });
            });
            await gateway.web.StartAsync();
            var address = gateway.web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            gateway.Url = new Uri(address.TrimEnd('/') + "/sms");
            return gateway;
        }

        public async ValueTask DisposeAsync()
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
