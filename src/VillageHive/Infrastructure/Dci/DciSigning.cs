using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NSec.Cryptography;

namespace VillageHive.Infrastructure.Dci;

/// <summary>
/// The signature of a DCI message, in the form of the specification's MsgSignature example:
/// <c>Signature: namespace="spdci", kidId="{sender_id}|{key_id}|ed25519", algorithm="ed25519", created="…", expires="…",
/// headers="(created) (expires) digest", signature="…"</c>. The signed text is
/// <c>(created): C\n(expires): E\ndigest: BLAKE-512=D</c> where D is the base64 BLAKE2b-512 of the header's JSON text
/// followed by the message's JSON text, exactly as they stand in the envelope (decision 0032, docs/interop.md).
/// </summary>
public static partial class DciSignature
{
    public const string Algorithm = "ed25519";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    /// <summary>How far a sender's clock may be ahead of ours.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static string Digest(string header, string message) =>
        Convert.ToBase64String(NSec.Cryptography.HashAlgorithm.Blake2b_512.Hash(Encoding.UTF8.GetBytes(header + message)));

    public static byte[] SigningText(long created, long expires, string digest) =>
        Encoding.UTF8.GetBytes($"(created): {created}\n(expires): {expires}\ndigest: BLAKE-512={digest}");

    public static string Format(string senderId, string keyId, long created, long expires, byte[] signature) =>
        $"Signature: namespace=\"spdci\", kidId=\"{senderId}|{keyId}|{Algorithm}\", algorithm=\"{Algorithm}\", created=\"{created}\", " +
        $"expires=\"{expires}\", headers=\"(created) (expires) digest\", signature=\"{Convert.ToBase64String(signature)}\"";

    [GeneratedRegex("([A-Za-z]+)=\"([^\"]*)\"")]
    private static partial Regex Parameter();

    /// <summary>The parts of a signature, or null when it is not one.</summary>
    public static Parts? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2000 || !text.StartsWith("Signature:", StringComparison.Ordinal)) return null;
        var values = Parameter().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        if (!values.TryGetValue("kidId", out var kid) || !values.TryGetValue("signature", out var sig)
            || !values.TryGetValue("created", out var c) || !values.TryGetValue("expires", out var e)
            || !long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var created)
            || !long.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || (values.TryGetValue("algorithm", out var alg) && alg != Algorithm))
            return null;
        var kidParts = kid.Split('|');
        if (kidParts.Length != 3 || kidParts[2] != Algorithm) return null;
        try
        {
            return new Parts(kidParts[0], kidParts[1], created, expires, Convert.FromBase64String(sig));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public sealed record Parts(string SenderId, string KeyId, long Created, long Expires, byte[] Signature);

    /// <summary>True when the signature is the sender key's over this header and message, and now lies between created and expires.</summary>
    public static bool Verify(Parts parts, byte[] publicKey, string header, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var seconds = new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeSeconds();
        if (parts.Created > seconds + (long)Skew.TotalSeconds || parts.Expires < seconds || parts.Expires - parts.Created > (long)TimeSpan.FromDays(1).TotalSeconds)
            return false;
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null) return false;
        return SignatureAlgorithm.Ed25519.Verify(key, SigningText(parts.Created, parts.Expires, Digest(header, message)), parts.Signature);
    }

    /// <summary>A signature over the header and message with a private key (raw 32 bytes), valid for <see cref="Lifetime"/>.</summary>
    public static string Sign(byte[] privateKey, string senderId, string keyId, string header, string message, DateTime now)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        var created = new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeSeconds();
        var expires = created + (long)Lifetime.TotalSeconds;
        var signature = SignatureAlgorithm.Ed25519.Sign(key, SigningText(created, expires, Digest(header, message)));
        return Format(senderId, keyId, created, expires, signature);
    }

    /// <summary>A new key pair: (private, public), raw bytes.</summary>
    public static (byte[] Private, byte[] Public) NewKeyPair()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key.Export(KeyBlobFormat.RawPrivateKey), key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public static byte[] PublicOf(byte[] privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>A key's id: the first 16 hex digits of the SHA-256 of its public key.</summary>
    public static string KeyIdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// The registry's own signing key: <c>Dci:SigningKey</c> (base64 of the raw 32-byte Ed25519 private key) when
/// configured, else <c>dci-signing.key</c> in the data folder, made on first use. Never in the repository.
/// </summary>
public sealed class DciKeys
{
    private readonly byte[] privateKey;

    public DciKeys(IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        SenderId = config["Dci:SenderId"] is { Length: > 0 } id ? id : "village-hive";
        if (config["Dci:SigningKey"] is { Length: > 0 } configured)
        {
            privateKey = Convert.FromBase64String(configured);
        }
        else
        {
            var dir = Data.DatabaseSetup.DataDirectory(config, environment.ContentRootPath);
            var path = Path.Combine(dir, "dci-signing.key");
            if (File.Exists(path))
            {
                privateKey = Convert.FromBase64String(File.ReadAllText(path).Trim());
            }
            else
            {
                Directory.CreateDirectory(dir);
                privateKey = DciSignature.NewKeyPair().Private;
                File.WriteAllText(path, Convert.ToBase64String(privateKey));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        PublicKey = DciSignature.PublicOf(privateKey);
        KeyId = DciSignature.KeyIdOf(PublicKey);
    }

    /// <summary>The registry's sender_id in the messages it sends (<c>Dci:SenderId</c>, "village-hive").</summary>
    public string SenderId { get; }
    public string KeyId { get; }
    public byte[] PublicKey { get; }

    public string Sign(string header, string message, DateTime now) => DciSignature.Sign(privateKey, SenderId, KeyId, header, message, now);

    /// <summary>The JSON Web Key Set of /.well-known/jwks.json (RFC 8037 OKP key).</summary>
    public object Jwks() => new
    {
        keys = new[] { new { kty = "OKP", crv = "Ed25519", x = DciSignature.Base64Url(PublicKey), kid = $"{SenderId}|{KeyId}|{DciSignature.Algorithm}", alg = "EdDSA", use = "sig" } },
    };
}
