using System.Text;

namespace VillageHive.Domain;

/// <summary>A person's names as typed: Khmer script and/or Latin transliteration.</summary>
public sealed record PersonName(string? FamilyKm, string? GivenKm, string? FamilyLatin, string? GivenLatin);

/// <summary>
/// Finds records that may be the same person although spelt differently: Khmer spelling variants (vowel length,
/// aspirated consonants, silent marks), Latin transliteration variants (Sokh/Sok, Srei/Srey, Chhim/Chim) and
/// family and given names swapped.
/// </summary>
public static class NameMatcher
{
    /// <summary>At or above this a record is shown as a possible duplicate.</summary>
    public const double SuggestFrom = 0.8;

    public static double NameSimilarity(PersonName a, PersonName b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var khmer = Pair(FoldKhmer(a.FamilyKm), FoldKhmer(a.GivenKm), FoldKhmer(b.FamilyKm), FoldKhmer(b.GivenKm));
        var latin = Pair(FoldLatin(a.FamilyLatin), FoldLatin(a.GivenLatin), FoldLatin(b.FamilyLatin), FoldLatin(b.GivenLatin));
        return Math.Max(khmer, latin);
    }

    /// <summary>Name similarity adjusted by age and place: same village and a close age make a match likelier.</summary>
    public static double Score(PersonName query, int? queryAge, PersonName candidate, int? candidateAge, bool sameVillage)
    {
        var score = NameSimilarity(query, candidate);
        if (score == 0) return 0;
        if (queryAge is { } qa && candidateAge is { } ca)
        {
            var gap = Math.Abs(qa - ca);
            score += gap <= 2 ? 0.1 : gap <= 5 ? 0 : -0.3;
        }
        if (sameVillage) score += 0.05;
        return Math.Clamp(score, 0, 1);
    }

    /// <summary>Best of the names in order and swapped (Khmer order is family then given; forms often get it backwards).</summary>
    private static double Pair(string f1, string g1, string f2, string g2)
    {
        if (g1.Length == 0 || g2.Length == 0) return 0;
        var inOrder = f1.Length == 0 || f2.Length == 0 ? Similarity(g1, g2) * 0.9 : (Similarity(f1, f2) + Similarity(g1, g2)) / 2;
        var swapped = f1.Length == 0 || f2.Length == 0 ? 0 : (Similarity(f1, g2) + Similarity(g1, f2)) / 2;
        // Names written as one word ("Sreymom" / "Srey Mom") compare as a whole too.
        var whole = Similarity(f1 + g1, f2 + g2);
        return Math.Max(Math.Max(inOrder, swapped * 0.95), whole * 0.95);
    }

    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        if (a.Length == 0 || b.Length == 0) return 0;
        return 1.0 - (double)Distance(a, b) / Math.Max(a.Length, b.Length);
    }

    /// <summary>Khmer letters reduced to a spelling-tolerant skeleton.</summary>
    public static string FoldKhmer(string? text)
    {
        var s = NameSearch.Normalise(text).Replace(" ", "", StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                // Marks that are often left out or misplaced: bantoc, muusikatoan, triisap, robat, toandakhiat, samyok sannya, reahmuk, yuukaleapintu.
                case '\u17CB' or '\u17C9' or '\u17CA' or '\u17CC' or '\u17CD' or '\u17D0' or '\u17C7' or '\u17C8' or '\u17CF':
                    continue;
                // Long and short vowels written for the same sound.
                case '\u17B8': sb.Append('\u17B7'); break; // ី → ិ
                case '\u17BA': sb.Append('\u17B9'); break; // ឺ → ឹ
                case '\u17BC': sb.Append('\u17BB'); break; // ូ → ុ
                case '\u17C2': sb.Append('\u17C1'); break; // ែ → េ
                // Consonants of the two series and aspirated pairs that transcribe alike.
                case 'ដ' or 'ថ' or 'ឋ': sb.Append('ត'); break;
                case 'ធ' or 'ឍ' or 'ឌ': sb.Append('ទ'); break;
                case 'ភ' or 'ផ': sb.Append('ព'); break;
                case 'ឃ' or 'ខ': sb.Append('គ'); break;
                case 'ឈ' or 'ឆ': sb.Append('ជ'); break;
                case 'ណ': sb.Append('ន'); break;
                case 'ឡ': sb.Append('ល'); break;
                case 'ឝ' or 'ឞ' or 'ឣ': sb.Append(c); break;
                default:
                    if (c is >= '\u1780' and <= '\u17FF') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Latin transliteration reduced to a spelling-tolerant skeleton.</summary>
    public static string FoldLatin(string? text)
    {
        var s = NameSearch.Normalise(text);
        var letters = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z') letters.Append(c);
        }
        var t = letters.ToString();
        if (t.Length == 0) return t;
        // Aspiration and spelling habits of Khmer romanisation.
        t = t.Replace("ee", "i", StringComparison.Ordinal)
             .Replace("chh", "ch", StringComparison.Ordinal)
             .Replace("kh", "k", StringComparison.Ordinal)
             .Replace("ph", "p", StringComparison.Ordinal)
             .Replace("th", "t", StringComparison.Ordinal)
             .Replace("ey", "i", StringComparison.Ordinal)
             .Replace("ei", "i", StringComparison.Ordinal)
             .Replace("y", "i", StringComparison.Ordinal)
             .Replace("ea", "ia", StringComparison.Ordinal)
             .Replace("oeu", "eu", StringComparison.Ordinal)
             .Replace("ou", "u", StringComparison.Ordinal)
             .Replace("au", "o", StringComparison.Ordinal)
             .Replace("w", "v", StringComparison.Ordinal);
        if (t.Length > 2 && t[^1] == 'h') t = t[..^1];
        var collapsed = new StringBuilder(t.Length);
        foreach (var c in t)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c) collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
