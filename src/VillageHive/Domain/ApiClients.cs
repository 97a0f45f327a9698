using System.Security.Cryptography;
using System.Text;

namespace VillageHive.Domain;

/// <summary>
/// Another system that calls the API (an OpenFn job, an NGO's case system, later a DCI registry client). It acts exactly
/// like a user of its role and area: the same policies, the same scope in SQL, the same audit chain (as
/// <see cref="AuditName"/>). It proves itself with a secret shown once; only the secret's hash is kept.
/// </summary>
public sealed class ApiClient
{
    public int Id { get; set; }
    /// <summary>The public identifier the client sends as client_id.</summary>
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>One of <see cref="Roles.All"/>.</summary>
    public string Role { get; set; } = "";
    public ScopeLevel ScopeLevel { get; set; }
    public List<int> ScopeAreaIds { get; set; } = [];
    public string SecretHash { get; set; } = "";
    /// <summary>Counts rotations: a token carries the generation it was issued under, and an older one is refused.</summary>
    public int SecretGeneration { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? RotatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>The last time the client was given a token.</summary>
    public DateTime? LastUsedAt { get; set; }
    public int Version { get; set; }

    public Scope Scope => new(ScopeLevel, ScopeAreaIds);
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The name its reads and writes carry in the audit chain (and in "entered by" fields).</summary>
    public string AuditName => ApiClientSecrets.AuditName(Name);

    /// <summary>A new client with its first secret; the secret is returned once and never kept.</summary>
    public static (ApiClient Client, string Secret) Create(string name, string role, Scope scope, string createdBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var name2 = name.Trim();
        if (name2.Length is 0 or > 64 || name2.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new DomainException("ApiClient.BadName");
        if (!Roles.All.Contains(role)) throw new DomainException("ApiClient.BadRole");
        if (scope.IsEmpty) throw new DomainException("ApiClient.NoArea");
        var secret = ApiClientSecrets.NewSecret();
        var client = new ApiClient
        {
            ClientId = ApiClientSecrets.NewClientId(),
            Name = name2,
            Role = role,
            ScopeLevel = scope.Level,
            ScopeAreaIds = [.. scope.AreaIds],
            SecretHash = ApiClientSecrets.Hash(secret),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        return (client, secret);
    }

    /// <summary>A new secret; the old one, and every token issued under it, stops working at once.</summary>
    public string Rotate(DateTime now)
    {
        if (IsRevoked) throw new DomainException("ApiClient.Revoked");
        var secret = ApiClientSecrets.NewSecret();
        SecretHash = ApiClientSecrets.Hash(secret);
        SecretGeneration++;
        RotatedAt = now;
        return secret;
    }

    public void Revoke(DateTime now) => RevokedAt ??= now;

    /// <summary>True when the secret is this client's current one and the client is not revoked.</summary>
    public bool Accepts(string? secret) => !IsRevoked && secret is { Length: > 0 } && ApiClientSecrets.Matches(secret, SecretHash);
}

/// <summary>Client ids and secrets: random, high-entropy values, so a plain SHA-256 is enough to keep them (no password stretching).</summary>
public static class ApiClientSecrets
{
    public const string AuditPrefix = "api:";

    public static string AuditName(string clientName) => AuditPrefix + clientName;

    public static string NewClientId() => "hive-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// A record the API lists for pollers: it carries the time of its last change, stamped on every save under the lock that
/// orders the audit chain, so the stamps of one table only grow in commit order (docs/interop.md).
/// </summary>
public interface IChangeStamped
{
    int Id { get; }
    DateTime UpdatedAt { get; set; }
}
