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
            // Control characters (a NUL in a query string) are nobody's name, and PostgreSQL refuses a NUL in text.
            if (char.IsControl(c) && !char.IsWhiteSpace(c)) continue;
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

    /// <summary>Longest stored search text (the column's size).</summary>
    public const int SearchTextLength = 420;

    /// <summary>
    /// Put between a person's names and their sound keys in <see cref="SearchText"/>, with the version of the rules:
    /// a stored text without the current marker was made by other rules and is recomputed (Data/NameKeyRefresh.cs).
    /// </summary>
    public static string KeyMarker { get; } = $" ~{NameRules.Version}";

    /// <summary>
    /// What a person's name search matches: the names normalised, then the marker and the sound key of each name word
    /// (<see cref="NameRules.Key"/>), e.g. "ស្រី មុំ srey mom ~1a2b3c ស្រិ មុំ sri mom". A search for the typed text or
    /// for its sound key is then one LIKE (or trigram lookup) on one indexed column.
    /// </summary>
    public static string SearchText(string? familyKm, string? givenKm, string? familyLatin, string? givenLatin)
    {
        var plain = Normalise($"{familyKm} {givenKm} {familyLatin} {givenLatin}");
        if (plain.Length + KeyMarker.Length > SearchTextLength) plain = plain[..(SearchTextLength - KeyMarker.Length)].TrimEnd();
        var text = plain + KeyMarker + " " + string.Join(' ', NameRules.Key(plain).Split(' ').Distinct());
        return text.Length <= SearchTextLength ? text.TrimEnd() : text[..SearchTextLength].TrimEnd();
    }

    /// <summary>Digits only, so that "012 345 678" and "012-345-678" find the same phone.</summary>
    public static string NormalisePhone(string? phone) =>
        phone is null ? "" : new string(phone.Where(char.IsAsciiDigit).ToArray());
}
