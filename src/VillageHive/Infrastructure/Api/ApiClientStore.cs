using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Api;

/// <summary>Making an API client from names and gazetteer codes, for the command line and /Admin/ApiClients alike.</summary>
public static class ApiClientStore
{
    public sealed record Made(ApiClient? Client, string? Secret, string? ErrorKey);

    /// <summary>
    /// The areas by their official codes, all of one level: villages (8 digits and more), communes (6) or districts (4).
    /// A Service provider client may name its organisation: it then sees that organisation's referrals, like its staff.
    /// </summary>
    public static async Task<Made> CreateAsync(HiveDbContext db, string name, string role, IReadOnlyCollection<string> areaCodes,
        string? organisation, string createdBy, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(areaCodes);
        var scope = await ScopeAsync(db, areaCodes, ct);
        if (scope is null) return new Made(null, null, "ApiClient.BadArea");
        if (await db.ApiClients.AnyAsync(c => c.Name == name.Trim(), ct)) return new Made(null, null, "ApiClient.NameTaken");
        int? providerId = null;
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            providerId = await db.ServiceProviders.Where(p => p.Name == organisation.Trim()).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (providerId is null) return new Made(null, null, "ApiClient.BadOrganisation");
        }
        ApiClient client;
        string secret;
        try
        {
            (client, secret) = ApiClient.Create(name, role, scope, createdBy, now);
        }
        catch (DomainException e)
        {
            return new Made(null, null, e.MessageKey);
        }
        db.ApiClients.Add(client);
        if (providerId is { } pid) db.ServiceProviderUsers.Add(new ServiceProviderUser { UserName = client.AuditName, ProviderId = pid });
        return await db.SaveOrRefuseAsync() == SaveOutcome.Saved ? new Made(client, secret, null) : new Made(null, null, "ApiClient.NameTaken");
    }

    /// <summary>The scope of the codes, or null when one is unknown or they are not all of one level.</summary>
    public static async Task<Scope?> ScopeAsync(HiveDbContext db, IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        if (list.Count == 0) return null;
        var lengths = list.Select(c => c.Length >= 8 ? 8 : c.Length).Distinct().ToList();
        if (lengths.Count != 1) return null;
        var (level, ids) = lengths[0] switch
        {
            8 => (ScopeLevel.Villages, await db.Villages.Where(v => list.Contains(v.Code)).Select(v => v.Id).ToListAsync(ct)),
            6 => (ScopeLevel.Communes, await db.Communes.Where(v => list.Contains(v.Code)).Select(v => v.Id).ToListAsync(ct)),
            4 => (ScopeLevel.District, await db.Districts.Where(v => list.Contains(v.Code)).Select(v => v.Id).ToListAsync(ct)),
            _ => (ScopeLevel.Villages, new List<int>()),
        };
        return ids.Count == list.Count ? new Scope(level, ids) : null;
    }
}
