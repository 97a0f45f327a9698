using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Outbox;

namespace VillageHive.Infrastructure.Sms;

/// <summary>
/// Sends what is due in the SMS outbox, once, through the shared claim/send/retry of <see cref="OutboxSender"/>
/// (decision 0020).
/// </summary>
public sealed class SmsOutbox(HiveDbContext db, HiveClock clock, ISmsSender sender, ILogger<SmsOutbox> log)
{
    /// <summary>Sends the due messages once; returns how many were sent.</summary>
    public Task<int> ProcessDueAsync(CancellationToken cancellationToken = default) =>
        OutboxSender.ProcessDueAsync(db.SmsOutbox, clock, (m, ct) => sender.SendAsync(m.To, m.Text, ct), log, cancellationToken);
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
