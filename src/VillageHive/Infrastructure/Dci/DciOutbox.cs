using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Outbox;

namespace VillageHive.Infrastructure.Dci;

/// <summary>
/// Delivers what is due in the DCI outbox (callbacks and notifications), once, through the shared claim/send/retry of
/// <see cref="OutboxSender"/> (as the SMS outbox does): each message is signed with the registry's key when it is
/// posted; an answer other than 2xx is a failure, tried again on the outbox schedule.
/// </summary>
public sealed class DciOutbox(HiveDbContext db, HiveClock clock, DciKeys keys, IHttpClientFactory http, ILogger<DciOutbox> log)
{
    public const string HttpClientName = "dci";

    /// <summary>Sends the due messages once; returns how many were delivered.</summary>
    public Task<int> ProcessDueAsync(CancellationToken cancellationToken = default) =>
        OutboxSender.ProcessDueAsync(db.DciOutbox, clock, PostAsync, log, cancellationToken);

    private async Task PostAsync(DciOutboxMessage message, CancellationToken cancellationToken)
    {
        var envelope = Envelope(keys, message.Body, clock.UtcNow);
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(message.Url), content, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}");
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
