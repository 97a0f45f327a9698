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

    /// <summary>Khmer letters reduced to a spelling-tolerant skeleton, the words run together (rules: <see cref="NameRules"/>).</summary>
    public static string FoldKhmer(string? text) =>
        string.Concat(NameSearch.Normalise(text).Split(' ').Select(NameRules.Khmer));

    /// <summary>Latin transliteration reduced to a spelling-tolerant skeleton, the words run together (rules: <see cref="NameRules"/>).</summary>
    public static string FoldLatin(string? text) =>
        string.Concat(NameSearch.Normalise(text).Split(' ').Select(NameRules.Latin));

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
