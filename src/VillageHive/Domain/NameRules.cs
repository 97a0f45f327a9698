using System.Security.Cryptography;
using System.Text;

namespace VillageHive.Domain;

/// <summary>
/// The spelling rules that fold a name to its "sound key", read from the table NameRules.tsv (embedded): two
/// spellings of one name (Srey/Srei, Chhim/Chim, Keo/Kaev/Kaew, ស្រី/ស្រិ, subscripts typed in another order) fold
/// to the same key. The one home of these rules: the duplicate check (<see cref="NameMatcher"/>) and the stored keys
/// that name searches match (<see cref="NameSearch.SearchText"/>) both fold with them.
/// </summary>
public static class NameRules
{
    private sealed record Rule(string From, string To);

    private static readonly List<Rule> LatinAny = [];
    private static readonly List<Rule> LatinEnd = [];
    private static readonly List<Rule> KhmerAny = [];

    /// <summary>Short fingerprint of the rules table, stored with the keys so that a changed table gets them recomputed.</summary>
    public static string Version { get; }

    private const char Coeng = '\u17D2';
    private const char Ro = '\u179A';

    static NameRules()
    {
        using var stream = typeof(NameRules).Assembly.GetManifestResourceStream("NameRules.tsv")
            ?? throw new InvalidOperationException("NameRules.tsv is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..6];
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("script\t", StringComparison.Ordinal)) continue;
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length < 4 || cells[1].Length == 0)
                throw new InvalidOperationException($"NameRules.tsv: a rule needs script, from, to and where: '{line}'.");
            var rule = new Rule(cells[1], cells[2]);
            var list = (cells[0], cells[3]) switch
            {
                ("latin", "any") => LatinAny,
                ("latin", "end") => LatinEnd,
                ("khmer", "any") => KhmerAny,
                _ => throw new InvalidOperationException($"NameRules.tsv: unknown script or place: '{line}'."),
            };
            list.Add(rule);
        }
    }

    /// <summary>The sound key of each word of the text (Latin or Khmer), space-separated; "" when there is none.</summary>
    public static string Key(string? text)
    {
        var words = NameSearch.Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(Word).Where(w => w.Length > 0));
    }

    /// <summary>One word's key: Khmer folded as Khmer, anything else as Latin letters.</summary>
    public static string Word(string word) => word.Any(IsKhmer) ? Khmer(word) : Latin(word);

    /// <summary>Latin letters (and digits) of a lower-cased word (<see cref="NameSearch.Normalise"/>) folded by the rules.</summary>
    public static string Latin(string word)
    {
        // Digits are kept: they are in no real name, but a key without them would match more than the name does.
        var t = new string(word.Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9').ToArray());
        if (t.Length == 0) return t;
        foreach (var r in LatinAny) t = t.Replace(r.From, r.To, StringComparison.Ordinal);
        foreach (var r in LatinEnd)
        {
            if (!t.EndsWith(r.From, StringComparison.Ordinal)) continue;
            if (t.Length - r.From.Length >= 2) t = t[..^r.From.Length] + r.To;
            break;
        }
        var collapsed = new StringBuilder(t.Length);
        foreach (var c in t)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c) collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    /// <summary>Khmer letters of a word in standard order, folded by the rules; other characters left out.</summary>
    public static string Khmer(string word)
    {
        var t = InStandardOrder(word);
        foreach (var r in KhmerAny) t = t.Replace(r.From, r.To, StringComparison.Ordinal);
        return new string(t.Where(IsKhmer).ToArray());
    }

    private static bool IsKhmer(char c) => c is >= '\u1780' and <= '\u17FF';
    private static bool IsConsonant(char c) => c is >= '\u1780' and <= '\u17A2';
    /// <summary>Dependent vowels and signs that follow a syllable's consonants (the coeng excepted).</summary>
    private static bool IsVowelOrSign(char c) => c is >= '\u17B6' and <= '\u17D1' || c == '\u17D3' || c == '\u17DD';

    /// <summary>
    /// Subscripts (coeng + consonant) before the vowels and signs of their syllable, and the subscript ro after any
    /// other subscript: the order of the standard, which a phone keyboard lets a user type otherwise (ស ី ្ រ for ស្រី).
    /// </summary>
    private static string InStandardOrder(string word)
    {
        var c = word.ToCharArray();
        var moved = true;
        while (moved)
        {
            moved = false;
            for (var i = 1; i + 1 < c.Length; i++)
            {
                if (c[i] != Coeng || !IsConsonant(c[i + 1])) continue;
                if (IsVowelOrSign(c[i - 1]))
                {
                    // Move the subscript before the vowels and signs: swap the pair with the char before it.
                    (c[i - 1], c[i], c[i + 1]) = (c[i], c[i + 1], c[i - 1]);
                    moved = true;
                }
                else if (i >= 2 && c[i - 2] == Coeng && c[i - 1] == Ro && c[i + 1] != Ro)
                {
                    // ្រ before another subscript: ្រ goes after it.
                    (c[i - 2], c[i - 1], c[i], c[i + 1]) = (c[i], c[i + 1], Coeng, Ro);
                    moved = true;
                }
            }
        }
        return new string(c);
    }
}
