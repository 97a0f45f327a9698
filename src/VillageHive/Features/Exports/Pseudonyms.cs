using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Exports;

/// <summary>
/// Stable pseudonymous ids for the research export: an HMAC-SHA256 of the record's kind and id under a secret key.
/// The same household has the same id in every export (the study follows it over years), and the id cannot be
/// turned back into the record without the key, which lives in the database protected by data protection.
/// </summary>
public sealed class Pseudonyms(HiveDbContext db, IDataProtectionProvider protection, HiveClock clock)
{
    private const int KeyId = 1;
    private byte[]? key;

    private IDataProtector Protector => protection.CreateProtector("VillageHive.Research.Pseudonyms");

    public async Task LoadAsync()
    {
        if (key is not null) return;
        var stored = await db.PseudonymKeys.AsNoTracking().Where(k => k.Id == KeyId).Select(k => k.ProtectedKey).FirstOrDefaultAsync();
        if (stored is null)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            db.PseudonymKeys.Add(new PseudonymKey { Id = KeyId, ProtectedKey = Protector.Protect(Convert.ToBase64String(fresh)), CreatedAt = clock.UtcNow });
            try
            {
                await db.SaveChangesAsync();
                key = fresh;
                return;
            }
            catch (DbUpdateException)
            {
                // Another export made the key first: use that one.
                db.ChangeTracker.Clear();
                stored = await db.PseudonymKeys.AsNoTracking().Where(k => k.Id == KeyId).Select(k => k.ProtectedKey).FirstAsync();
            }
        }
        key = Convert.FromBase64String(Protector.Unprotect(stored));
    }

    /// <summary>The pseudonym of a record, e.g. Of("household", 42) = "H-3fa9c01b7d2e4a61".</summary>
    public string Of(string kind, int id)
    {
        if (key is null) throw new InvalidOperationException("Call LoadAsync first");
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{kind}:{id.ToString(CultureInfo.InvariantCulture)}"));
        return $"{char.ToUpperInvariant(kind[0])}-{Convert.ToHexStringLower(hash)[..16]}";
    }
}
