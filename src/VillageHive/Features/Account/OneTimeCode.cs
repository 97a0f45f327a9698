using QRCoder;

namespace VillageHive.Features.Account;

/// <summary>Reading codes as people type them, and showing the authenticator key.</summary>
public static class OneTimeCode
{
    public const string Issuer = "Village Hive";

    /// <summary>
    /// The 6 digits of an authenticator code, or null. Spaces and dashes are dropped and Khmer digits (០–៩) read as
    /// 0–9, because a phone with a Khmer keyboard may type those.
    /// </summary>
    public static string? Digits(string? text)
    {
        if (text is null) return null;
        var digits = new System.Text.StringBuilder(6);
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '\u00A0') continue;
            if (c is >= '0' and <= '9') digits.Append(c);
            else if (c is >= '\u17E0' and <= '\u17E9') digits.Append((char)('0' + (c - '\u17E0')));
            else return null;
        }
        return digits.Length == 6 ? digits.ToString() : null;
    }

    /// <summary>
    /// A recovery code as Identity stores it (XXXXX-XXXXX, capitals): written on paper, it comes back in lower case,
    /// with spaces or without the dash.
    /// </summary>
    public static string RecoveryCode(string? text)
    {
        var code = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return code.Length == 10 ? code[..5] + "-" + code[5..] : code;
    }

    /// <summary>The key in groups of 4 so that it can be typed into the app without losing one's place.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.Chunk(4).Select(g => new string(g)));

    public static string AuthenticatorUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The QR code as a PNG data: URI, drawn here so that no script and no outside service is needed.</summary>
    public static string QrCodeDataUri(string text) =>
        "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 6));
}
