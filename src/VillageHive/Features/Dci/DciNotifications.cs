using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure.Audit;
using VillageHive.Infrastructure.Dci;

namespace VillageHive.Features.Dci;

/// <summary>
/// Puts a notify in the outbox for each change of a household that matches a subscription: each subscription walks
/// the households' change stamps (UpdatedAt, Id) from where it stopped, in the client's area, so each change is seen
/// once and in order; the notifications and the subscription's new place are saved together, and only if no other
/// scan moved the subscription meanwhile (a conditional update).
/// </summary>
public sealed class DciNotifications(HiveDbContext db, HiveClock clock, DciKeys keys, AuditLog audit)
{
    public const int Batch = 100;

    /// <summary>Scans every open subscription once; returns how many notifications were queued.</summary>
    public async Task<int> QueueAsync(CancellationToken cancellationToken = default)
    {
        var subscriptions = await db.DciSubscriptions.AsNoTracking().Where(s => s.EndedAt == null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var s in subscriptions)
        {
            if (cancellationToken.IsCancellationRequested) break;
            queued += await QueueOneAsync(s, cancellationToken);
        }
        return queued;
    }

    private async Task<int> QueueOneAsync(DciSubscription s, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.AsNoTracking().Where(c => c.ClientId == s.ClientId && c.RevokedAt == null).FirstOrDefaultAsync(cancellationToken);
        if (client is null) return 0;
        using var filter = JsonDocument.Parse(s.Filter);
        var parsed = DciQuery.Parse(s.FilterType, filter.RootElement);
        if (parsed.Condition is null) return 0;
        var seenAt = s.SeenUpdatedAt;
        var seenId = s.SeenId;
        var changed = await DciApi.Groups(DciApi.Visible(db, client.Scope)
                .Where(h => h.UpdatedAt > seenAt || (h.UpdatedAt == seenAt && h.Id > seenId))
                .OrderBy(h => h.UpdatedAt).ThenBy(h => h.Id).Take(Batch))
            .ToListAsync(cancellationToken);
        if (changed.Count == 0) return 0;
        var matching = await DciApi.Visible(db, client.Scope).Where(DciQuery.ToPredicate(parsed.Condition))
            .Where(h => changed.Select(c => c.Id).Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken);
        var last = changed[^1];
        var now = clock.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.DciSubscriptions.Where(x => x.Id == s.Id && x.SeenUpdatedAt == seenAt && x.SeenId == seenId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SeenUpdatedAt, last.UpdatedAt).SetProperty(x => x.SeenId, last.Id), cancellationToken);
        if (moved == 0) return 0;
        foreach (var g in changed.Where(c => matching.Contains(c.Id)))
        {
            var message = new JsonObject
            {
                ["transaction_id"] = DciApi.NewId(),
                ["notify_event"] = new JsonArray(new JsonObject
                {
                    ["reference_id"] = s.Code + ":" + g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["timestamp"] = DciApi.Now(g.UpdatedAt),
                    ["data"] = new JsonObject
                    {
                        ["version"] = "1.0.0",
                        ["reg_type"] = DciApi.RegistryType,
                        ["reg_record_type"] = DciApi.RecordType,
                        ["reg_records"] = DciApi.Record(g),
                    },
                }),
            };
            db.DciOutbox.Add(new DciOutboxMessage
            {
                ClientId = s.ClientId, Url = s.NotifyUri, Action = "notify", SubscriptionId = s.Id, HouseholdId = g.Id, CreatedAt = now, NextAttemptAt = now,
                Body = new JsonObject { ["header"] = DciApi.Header(keys, "notify", "succ", s.SubscriberId, 1, 1, now), ["message"] = message }.ToJsonString(),
            });
            await audit.RecordAsync(AuditLog.Read, nameof(Household), g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { dci = "notify", subscription = s.Code }, client.AuditName, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        var count = changed.Count(c => matching.Contains(c.Id));
        db.ChangeTracker.Clear();
        return count;
    }
}

/// <summary>Every <c>Dci:PollSeconds</c> (5; 0 turns it off), or at once when a request queued a callback: queues notifications, then delivers the outbox.</summary>
public sealed class DciService(IServiceScopeFactory scopes, IConfiguration config, DciOutboxSignal signal, ILogger<DciService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = config.GetValue("Dci:PollSeconds", 5.0);
        if (seconds <= 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DciNotifications>().QueueAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<DciOutbox>().ProcessDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "The DCI outbox could not be processed.");
            }
            await signal.WaitAsync(TimeSpan.FromSeconds(seconds), stoppingToken);
        }
    }
}

public static class DciSetup
{
    public static IServiceCollection AddHiveDci(this IServiceCollection services)
    {
        services.AddSingleton<DciKeys>();
        services.AddSingleton<DciOutboxSignal>();
        services.AddHttpClient(DciOutbox.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<DciOutbox>();
        services.AddScoped<DciNotifications>();
        services.AddScoped<DciRequests>();
        services.AddHostedService<DciService>();
        return services;
    }
}
