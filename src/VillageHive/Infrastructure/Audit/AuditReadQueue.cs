using System.Threading.Channels;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Audit;

/// <summary>
/// Reads of sensitive records, waiting to be appended to the audit chain. A page that records a read only queues it:
/// appending means taking the database's write lock (SQLite has one writer; PostgreSQL serialises the chain with an
/// advisory lock), and under 20 concurrent users every page that read a household or a case queued behind that lock
/// (p95 145–340 ms on SQLite while p50 was 1–40 ms; docs/scaling.md). <see cref="AuditReadWriter"/> appends the queue
/// in batches, one transaction each, and empties it when the app stops. Every read is still recorded, with the time and
/// user of the request; a crash of the process loses at most the reads of the last moments.
/// </summary>
public sealed class AuditReadQueue
{
    private readonly Channel<AuditEntry> channel = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });
    private long queued;
    private long written;

    public void Enqueue(AuditEntry entry)
    {
        Interlocked.Increment(ref queued);
        if (!channel.Writer.TryWrite(entry)) throw new InvalidOperationException("The audit queue is closed: the app is stopping.");
    }

    internal ChannelReader<AuditEntry> Reader => channel.Reader;

    internal void MarkWritten(int count) => Interlocked.Add(ref written, count);

    /// <summary>Waits until every read queued before the call is in the database (tests; the writer must be running).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var target = Interlocked.Read(ref queued);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (Interlocked.Read(ref written) < target)
            await Task.Delay(5, timeout.Token);
    }
}

/// <summary>Appends queued reads to the audit chain in batches; on stop, writes what is left before the app exits.</summary>
public sealed class AuditReadWriter(AuditReadQueue queue, IServiceScopeFactory scopes, ILogger<AuditReadWriter> log) : BackgroundService
{
    private const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // A moment for more reads to arrive: under load one transaction then carries many of them.
                await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
                await DrainAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the rest.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DrainAsync(CancellationToken.None);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        var batch = new List<AuditEntry>(MaxBatch);
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var entry)) batch.Add(entry);
            if (batch.Count == 0) return;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await WriteAsync(batch, ct);
                    queue.MarkWritten(batch.Count);
                    break;
                }
                catch (Exception e) when (attempt < 5 && e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Writing {Count} audited reads failed (attempt {Attempt}); retrying", batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
                }
            }
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        // On SQLite the transaction begins immediate (write lock first), so the last hash read next is still the last.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.AppendAsync(db, batch, ct);
        await tx.CommitAsync(ct);
    }
}
