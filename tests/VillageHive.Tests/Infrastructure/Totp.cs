using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace VillageHive.Tests.Infrastructure;

/// <summary>
/// RFC 6238 time-based codes as an authenticator app makes them: HMAC-SHA1 over the 30-second step, 6 digits, from
/// the Base32 key the enrolment page shows. Written here so that the tests check the app against the standard, not
/// against Identity's own code.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; this is the standard, not a choice.
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 Base32; spaces (the page shows the key in groups of 4), padding and case are ignored.</summary>
    public static byte[] Base32Decode(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=') continue;
            var value = Base32Alphabet.IndexOf(c);
            if (value < 0) throw new FormatException($"'{c}' is not a Base32 letter");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes.Add((byte)(buffer >> bits));
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }

    /// <summary>A code that is certainly wrong now: the right one with its first digit changed.</summary>
    public static string WrongCode(string base32Key)
    {
        var right = Code(base32Key);
        return (char)('0' + ((right[0] - '0' + 5) % 10)) + right[1..];
    }
}
