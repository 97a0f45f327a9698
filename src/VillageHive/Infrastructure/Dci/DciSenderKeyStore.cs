using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Dci;

/// <summary>Registering a DCI client's Ed25519 public key (<c>VillageHive api-client dci-key NAME --public-key …</c>).</summary>
public static class DciSenderKeyStore
{
    /// <summary>Adds the key to the API client of that name; null when done, else the key of the message saying why not.</summary>
    public static async Task<string?> AddAsync(HiveDbContext db, string clientName, string publicKeyBase64, string? keyId, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clientId = await db.ApiClients.Where(c => c.Name == clientName.Trim() && c.RevokedAt == null).Select(c => c.ClientId).FirstOrDefaultAsync(ct);
        if (clientId is null) return "Dci.KeyNoClient";
        byte[] key;
        try
        {
            key = Convert.FromBase64String(publicKeyBase64.Trim());
        }
        catch (FormatException)
        {
            return "Dci.KeyBad";
        }
        if (key.Length != 32) return "Dci.KeyBad";
        var id = string.IsNullOrWhiteSpace(keyId) ? DciSignature.KeyIdOf(key) : keyId.Trim();
        if (id.Length > 64 || id.Contains('|', StringComparison.Ordinal)) return "Dci.KeyBad";
        db.DciSenderKeys.Add(new DciSenderKey { ClientId = clientId, KeyId = id, PublicKey = Convert.ToBase64String(key), CreatedAt = now });
        return await db.SaveOrRefuseAsync() == SaveOutcome.Saved ? null : "Dci.KeyTaken";
    }
}
