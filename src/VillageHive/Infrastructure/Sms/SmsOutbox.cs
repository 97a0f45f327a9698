using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Sms;

/// <summary>
/// Sends what is due in the SMS outbox, once: each message is first claimed by a conditional UPDATE (only one sender's
/// UPDATE matches a message not sent, not given up, due and not held), then sent, then marked sent with the claim's
/// token. A failure sets the next attempt (<see cref="SmsRetry"/>) and the error; a sender that dies mid-send leaves a
/// claim that runs out after <see cref="SmsRetry.Lease"/>. Times come from the commune clock (decision b-outbox).
/// </summary>
public sealed class SmsOutbox(HiveDbContext db, HiveClock clock, ISmsSender sender, ILogger<SmsOutbox> log)
{
    public const int Batch = 50;

    /// <summary>Sends the due messages once; returns how many were sent.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var due = await db.SmsOutbox.AsNoTracking()
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
        var claimed = await db.SmsOutbox
            .Where(m => m.Id == id && m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedUntil, holdUntil)
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0) return false;
        var message = await db.SmsOutbox.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.To, m.Text, m.Attempts }).SingleAsync(cancellationToken);
        try
        {
            await sender.SendAsync(message.To, message.Text, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failedAt = clock.UtcNow;
            var next = failedAt + SmsRetry.DelayAfter(message.Attempts);
            DateTime? gaveUp = SmsRetry.GivesUp(message.Attempts) ? failedAt : null;
            var error = e.Message.Length > 500 ? e.Message[..500] : e.Message;
            await db.SmsOutbox.Where(m => m.Id == id && m.ClaimToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.GaveUpAt, gaveUp)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.ClaimToken, (Guid?)null), CancellationToken.None);
            log.LogWarning("SMS {Id} not sent (attempt {Attempts}): {Error}", id, message.Attempts, error);
            return false;
        }
        var sentAt = clock.UtcNow;
        await db.SmsOutbox.Where(m => m.Id == id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        return true;
    }
}

/// <summary>Runs <see cref="SmsOutbox.ProcessDueAsync"/> every <c>Sms:PollSeconds</c> (15; 0 turns the sender off).</summary>
public sealed class SmsOutboxService(IServiceScopeFactory scopes, IConfiguration config, ILogger<SmsOutboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Sms:PollSeconds", 15);
        if (seconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SmsOutbox>().ProcessDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database away for a moment (a restart, a migration): the next tick tries again.
                log.LogError(e, "The SMS outbox could not be read.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class SmsSetup
{
    /// <summary>The gateway when <c>Sms:Gateway:Url</c> is set, else the file sender; the outbox and its background sender.</summary>
    public static IServiceCollection AddHiveSms(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.Configure<SmsGatewayOptions>(config.GetSection("Sms:Gateway"));
        if (config["Sms:Gateway:Url"] is { Length: > 0 })
        {
            services.AddHttpClient<ISmsSender, HttpSmsSender>(c => c.Timeout = TimeSpan.FromSeconds(30));
        }
        else
        {
            var path = config["Sms:File"] is { Length: > 0 } f
                ? Path.GetFullPath(f, environment.ContentRootPath)
                : Path.Combine(Data.DatabaseSetup.DataDirectory(config, environment.ContentRootPath), "sms.log");
            services.AddSingleton<ISmsSender>(new FileSmsSender(path));
        }
        services.AddScoped<SmsOutbox>();
        services.AddHostedService<SmsOutboxService>();
        return services;
    }
}
