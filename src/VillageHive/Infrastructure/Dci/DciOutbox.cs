using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Dci;

/// <summary>
/// Delivers what is due in the DCI outbox (callbacks and notifications), once, as <see cref="Sms.SmsOutbox"/> does for
/// SMS: each message is claimed by a conditional UPDATE, signed with the registry's key, posted, then marked sent with
/// the claim's token. A failure is tried again on the SMS schedule (<see cref="SmsRetry"/>).
/// </summary>
public sealed class DciOutbox(HiveDbContext db, HiveClock clock, DciKeys keys, IHttpClientFactory http, ILogger<DciOutbox> log)
{
    public const string HttpClientName = "dci";
    public const int Batch = 50;

    /// <summary>Sends the due messages once; returns how many were delivered.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var due = await db.DciOutbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            if (cancellationToken.IsCancellationRequested) break;
            if (await SendOneAsync(id, cancellationToken)) sent++;
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var token = Guid.NewGuid();
        var holdUntil = now + SmsRetry.Lease;
        var claimed = await db.DciOutbox
            .Where(m => m.Id == id && m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedUntil, holdUntil)
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0) return false;
        var message = await db.DciOutbox.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Url, m.Body, m.Attempts }).SingleAsync(cancellationToken);
        try
        {
            var envelope = Envelope(keys, message.Body, clock.UtcNow);
            using var content = new StringContent(envelope, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(message.Url), content, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failedAt = clock.UtcNow;
            var next = failedAt + SmsRetry.DelayAfter(message.Attempts);
            DateTime? gaveUp = SmsRetry.GivesUp(message.Attempts) ? failedAt : null;
            var error = e.Message.Length > 500 ? e.Message[..500] : e.Message;
            await db.DciOutbox.Where(m => m.Id == id && m.ClaimToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.GaveUpAt, gaveUp)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.ClaimToken, (Guid?)null), CancellationToken.None);
            log.LogWarning("DCI message {Id} not delivered (attempt {Attempts}): {Error}", id, message.Attempts, error);
            return false;
        }
        var sentAt = clock.UtcNow;
        await db.DciOutbox.Where(m => m.Id == id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        return true;
    }

    /// <summary>The signed envelope of a stored {"header":…,"message":…}: the signature covers their JSON text as sent.</summary>
    public static string Envelope(DciKeys keys, string body, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var doc = JsonDocument.Parse(body);
        var header = doc.RootElement.GetProperty("header").GetRawText();
        var message = doc.RootElement.GetProperty("message").GetRawText();
        return Envelope(keys.Sign(header, message, now), header, message);
    }

    public static string Envelope(string signature, string header, string message) =>
        "{\"signature\":" + JsonSerializer.Serialize(signature) + ",\"header\":" + header + ",\"message\":" + message + "}";
}

/// <summary>Wakes the DCI sender at once when something was put in the outbox (else it looks every <c>Dci:PollSeconds</c>).</summary>
public sealed class DciOutboxSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
