using System.Globalization;
using System.Text;

namespace VillageHive.Domain;

/// <summary>Normalises names so that a search matches regardless of case, accents, spacing and invisible Khmer marks.</summary>
public static class NameSearch
{
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            // Zero-width space and joiners are common in typed Khmer and invisible to the user.
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF') continue;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Drop Latin combining accents but keep Khmer vowel signs and diacritics (U+17B4..U+17DD).
            if (category == UnicodeCategory.NonSpacingMark && c is < '\u1780' or > '\u17FF') continue;
            if (char.IsWhiteSpace(c) || c is '-' or '.' or ',')
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Digits only, so that "012 345 678" and "012-345-678" find the same phone.</summary>
    public static string NormalisePhone(string? phone) =>
        phone is null ? "" : new string(phone.Where(char.IsAsciiDigit).ToArray());
}
