using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Outbox;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The claim/send/retry mechanism both outboxes share (<see cref="OutboxSender"/>), on each outbox table and each
/// database: two senders at once send a message once, a failure waits for its back-off, and a message that keeps
/// failing is given up after the last attempt. Each test queues its messages at a time of its own, years before what
/// other tests queue, and runs stopped clocks from there, so that only its own messages are due.
/// </summary>
[Collection(OutboxSenderTests.Collection)]
public sealed class OutboxSenderTests(Apps apps)
{
    /// <summary>The tests that send the shared outboxes (each sends whatever is due, which may be another's message): not run in parallel with each other.</summary>
    public const string Collection = "Outboxes";
    public const string Sms = "sms";
    public const string Dci = "dci";

    [Theory]
    [InlineData(Db.Sqlite, Sms)]
    [InlineData(Db.Sqlite, Dci)]
    [InlineData(Db.Postgres, Sms)]
    [InlineData(Db.Postgres, Dci)]
    public async Task Two_senders_at_once_send_a_message_once_and_a_claim_held_keeps_the_other_off(string provider, string outbox)
    {
        var app = await apps.Get(provider);
        var t0 = TestClock.Start.AddDays(-10_000 - Random.Shared.Next(1000)).UtcDateTime;

        // Four senders started together: one claims the message, the others' conditional updates match nothing.
        var raced = await QueueAsync(app, outbox, t0);
        var sends = 0;
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ProcessAsync(app, outbox, t0, (id, ct) =>
        {
            id.ShouldBe(raced);
            Interlocked.Increment(ref sends);
            return Task.CompletedTask;
        })));
        results.Sum().ShouldBe(1);
        sends.ShouldBe(1);
        (await RowAsync(app, outbox, raced)).ShouldSatisfyAllConditions(
            r => r.Attempts.ShouldBe(1), r => r.SentAt.ShouldBe(t0), r => r.ClaimedUntil.ShouldBeNull());

        // A sender still sending (its claim held): a second sender, even minutes later, leaves the message alone.
        var held = await QueueAsync(app, outbox, t0);
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = ProcessAsync(app, outbox, t0, async (_, _) =>
        {
            inside.SetResult();
            await release.Task;
        });
        await inside.Task;
        var claimed = await RowAsync(app, outbox, held);
        (claimed.Attempts, claimed.ClaimedUntil).ShouldBe((1, t0 + OutboxRetry.Lease));
        (await ProcessAsync(app, outbox, t0 + OutboxRetry.Lease - TimeSpan.FromSeconds(1), (_, _) => throw new InvalidOperationException("sent twice")))
            .ShouldBe(0);
        release.SetResult();
        (await first).ShouldBe(1);
        (await RowAsync(app, outbox, held)).ShouldSatisfyAllConditions(
            r => r.Attempts.ShouldBe(1), r => r.SentAt.ShouldBe(t0), r => r.LastError.ShouldBeNull());
    }

    [Theory]
    [InlineData(Db.Sqlite, Sms)]
    [InlineData(Db.Sqlite, Dci)]
    [InlineData(Db.Postgres, Sms)]
    [InlineData(Db.Postgres, Dci)]
    public async Task A_failure_waits_for_its_back_off_and_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(string provider, string outbox)
    {
        var app = await apps.Get(provider);
        var at = TestClock.Start.AddDays(-12_000 - Random.Shared.Next(1000)).UtcDateTime;
        var id = await QueueAsync(app, outbox, at);
        var sends = 0;
        Task Failing(long _, CancellationToken __)
        {
            sends++;
            throw new HttpRequestException("503 Service Unavailable " + new string('x', 600));
        }

        for (var i = 1; i <= OutboxRetry.MaxAttempts; i++)
        {
            (await ProcessAsync(app, outbox, at, Failing)).ShouldBe(0);
            var row = await RowAsync(app, outbox, id);
            row.Attempts.ShouldBe(i);
            (row.NextAttemptAt - at).ShouldBe(OutboxRetry.DelayAfter(i));
            (row.ClaimedUntil, row.ClaimToken, row.SentAt).ShouldBe((null, null, null));
            row.LastError!.ShouldStartWith("503 Service Unavailable");
            row.LastError!.Length.ShouldBe(OutboxSender.MaxError);
            if (i < OutboxRetry.MaxAttempts)
            {
                row.GaveUpAt.ShouldBeNull();
                // Not tried again before its back-off.
                (await ProcessAsync(app, outbox, row.NextAttemptAt.AddSeconds(-1), Failing)).ShouldBe(0);
                sends.ShouldBe(i);
            }
            else
            {
                row.GaveUpAt.ShouldBe(at);
            }
            at = DateTime.SpecifyKind(row.NextAttemptAt, DateTimeKind.Utc);
        }
        (await ProcessAsync(app, outbox, at.AddDays(30), (_, _) => Task.CompletedTask)).ShouldBe(0);
        sends.ShouldBe(OutboxRetry.MaxAttempts);
        (await RowAsync(app, outbox, id)).SentAt.ShouldBeNull();
    }

    private sealed record Row(int Attempts, DateTime NextAttemptAt, string? LastError, DateTime? ClaimedUntil, Guid? ClaimToken, DateTime? SentAt, DateTime? GaveUpAt);

    private static Task<long> QueueAsync(HiveApp app, string outbox, DateTime at) => app.WithDbAsync(async db =>
    {
        IOutboxMessage message = outbox == Sms
            ? db.SmsOutbox.Add(new SmsMessage { To = "+85512000333", Text = "outbox", CreatedAt = at, NextAttemptAt = at }).Entity
            : db.DciOutbox.Add(new DciOutboxMessage { ClientId = "outbox-test", Url = "https://outbox.invalid/notify", Action = "notify", Body = "{}", CreatedAt = at, NextAttemptAt = at }).Entity;
        await db.SaveChangesAsync();
        return message.Id;
    });

    private static Task<Row> RowAsync(HiveApp app, string outbox, long id) => app.WithDbAsync(db => outbox == Sms
        ? db.SmsOutbox.AsNoTracking().Where(m => m.Id == id).Select(m => new Row(m.Attempts, m.NextAttemptAt, m.LastError, m.ClaimedUntil, m.ClaimToken, m.SentAt, m.GaveUpAt)).SingleAsync()
        : db.DciOutbox.AsNoTracking().Where(m => m.Id == id).Select(m => new Row(m.Attempts, m.NextAttemptAt, m.LastError, m.ClaimedUntil, m.ClaimToken, m.SentAt, m.GaveUpAt)).SingleAsync());

    /// <summary>One sender's pass over the outbox, in a scope of its own, at a stopped time; <paramref name="send"/> is given each message's id.</summary>
    private static async Task<int> ProcessAsync(HiveApp app, string outbox, DateTime now, Func<long, CancellationToken, Task> send)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        var clock = TestClock.Stopped(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        return outbox == Sms
            ? await OutboxSender.ProcessDueAsync(db.SmsOutbox, clock, (m, ct) => send(m.Id, ct), NullLogger.Instance)
            : await OutboxSender.ProcessDueAsync(db.DciOutbox, clock, (m, ct) => send(m.Id, ct), NullLogger.Instance);
    }
}
