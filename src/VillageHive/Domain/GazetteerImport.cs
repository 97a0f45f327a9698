using System.Globalization;

namespace VillageHive.Domain;

/// <summary>One place as a gazetteer file gives it: its code (2, 4, 6 or 8 digits, kept as text) and its names.</summary>
public sealed record GazetteerRow(int Row, string Code, string NameKm, string NameLatin)
{
    public string Parent => GazetteerCode.Parent(Code);
}

/// <summary>A place this installation holds, and whether any record (a household, a Hive, a user's place…) refers to it.</summary>
public sealed record KnownPlace(string Code, string NameKm, string NameEn, bool InUse)
{
    public string Parent => GazetteerCode.Parent(Code);
}

public enum GazetteerChange
{
    /// <summary>A village the file adds under a commune this installation serves.</summary>
    New = 0,
    Renamed = 1,
    Unchanged = 2,
    /// <summary>Not in the file though the file lists its parent and siblings, and nothing refers to it: deleted.</summary>
    Gone = 3,
    /// <summary>Not in the file though the file lists its parent and siblings, but records refer to it: kept.</summary>
    KeptInUse = 4,
    /// <summary>A place outside what this installation serves (another commune, district or province): left alone.</summary>
    Outside = 5,
}

/// <summary>What an import does (or would do) to one place; the old names when it renames.</summary>
public sealed record GazetteerPlan(string Code, string NameKm, string NameEn, GazetteerChange Change, string? OldNameKm = null, string? OldNameEn = null)
{
    public int Level => Code.Length;
}

/// <summary>The codes of the Cambodian gazetteer: a code starts with its parent's; 2 digits a province, 4 a district, 6 a commune, 8 a village.</summary>
public static class GazetteerCode
{
    public static string Parent(string code) => code.Length > 2 ? code[..^2] : "";

    /// <summary>
    /// The code as text, or null when it is not one. A spreadsheet that took the code for a number drops its leading
    /// zero (02030901 becomes 2030901) or adds a decimal part: both are put back, so a code is never lost through Excel.
    /// </summary>
    public static string? Clean(string? raw)
    {
        var text = TypedText.OrNull(raw);
        if (text is null) return null;
        if (text.EndsWith(".0", StringComparison.Ordinal)) text = text[..^2];
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)) return null;
        if (text.Length % 2 == 1) text = "0" + text;
        return text.Length is 2 or 4 or 6 or 8 ? text : null;
    }
}

/// <summary>
/// Reads a gazetteer sheet (the official one's columns, or any with a code, a Khmer name and a Latin name) and compares
/// it with the places this installation holds. The import changes names, adds villages under the communes served, and
/// removes a place only when the file lists its parent and siblings, not it, and nothing refers to it. It never adds a commune,
/// district or province: which communes a Hive serves is chosen at /Setup/Place, not by a file.
/// </summary>
public static class GazetteerRules
{
    public const int MaxName = 100;

    public const string CodeColumn = "code";
    public const string KhmerColumn = "name_km";
    public const string LatinColumn = "name_latin";

    private static readonly string[] CodeHeaders = ["code", "geocode", "placecode", "លេខកូដ", "កូដ"];
    private static readonly string[] KhmerHeaders = ["namekm", "namekhmer", "khmername", "khmer", "ឈ្មោះ", "ឈ្មោះខ្មែរ", "ឈ្មោះជាភាសាខ្មែរ"];
    private static readonly string[] LatinHeaders = ["namelatin", "latinname", "latin", "nameen", "english", "name", "ឈ្មោះឡាតាំង", "ឈ្មោះជាអក្សរឡាតាំង"];

    /// <summary>The columns of the code and the two names, by header; -1 when absent.</summary>
    public static (int Code, int Khmer, int Latin) Columns(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keys = headers.Select(ImportColumns.Key).ToList();
        int Find(string[] names) => names.Select(n => keys.IndexOf(ImportColumns.Key(n))).FirstOrDefault(i => i >= 0, -1);
        return (Find(CodeHeaders), Find(KhmerHeaders), Find(LatinHeaders));
    }

    /// <summary>The file's places, and every row's problem with its row and column.</summary>
    public static (IReadOnlyList<GazetteerRow> Rows, IReadOnlyList<ImportError> Errors) Read(IReadOnlyList<string> headers, IEnumerable<ImportRawRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (code, khmer, latin) = Columns(headers);
        var errors = new List<ImportError>();
        if (code < 0) errors.Add(new ImportError(1, CodeColumn, "Gazetteer.NoCodeColumn"));
        if (khmer < 0) errors.Add(new ImportError(1, KhmerColumn, "Gazetteer.NoKhmerColumn"));
        if (errors.Count > 0) return ([], errors);

        string Name(int i) => i >= 0 ? headers[i] : LatinColumn;
        string? Cell(ImportRawRow r, int i) => i >= 0 && i < r.Cells.Count ? TypedText.OrNull(r.Cells[i]) : null;
        var places = new List<GazetteerRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var before = errors.Count;
            var clean = GazetteerCode.Clean(Cell(r, code));
            var km = Cell(r, khmer);
            var lat = Cell(r, latin) ?? "";
            if (clean is null) errors.Add(new ImportError(r.Number, Name(code), "Gazetteer.BadCode"));
            else if (!seen.Add(clean)) errors.Add(new ImportError(r.Number, Name(code), "Gazetteer.CodeTwice"));
            if (km is null) errors.Add(new ImportError(r.Number, Name(khmer), "Import.NameMissing"));
            else if (km.Length > MaxName) errors.Add(new ImportError(r.Number, Name(khmer), "Validation.TooLong"));
            if (lat.Length > MaxName) errors.Add(new ImportError(r.Number, Name(latin), "Validation.TooLong"));
            if (errors.Count == before) places.Add(new GazetteerRow(r.Number, clean!, km!, lat));
        }
        return (places, errors);
    }

    /// <summary>What the file does to each place: every row of the file and every place it no longer lists.</summary>
    public static IReadOnlyList<GazetteerPlan> Compare(IReadOnlyList<GazetteerRow> file, IReadOnlyList<KnownPlace> known)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(known);
        var byCode = known.ToDictionary(k => k.Code, StringComparer.Ordinal);
        var inFile = file.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var plan = new List<GazetteerPlan>();
        foreach (var f in file)
        {
            var latin = f.NameLatin.Length > 0 ? f.NameLatin : f.NameKm;
            if (byCode.TryGetValue(f.Code, out var k))
            {
                var same = k.NameKm == f.NameKm && (k.NameEn == latin || f.NameLatin.Length == 0);
                plan.Add(same
                    ? new GazetteerPlan(f.Code, k.NameKm, k.NameEn, GazetteerChange.Unchanged)
                    : new GazetteerPlan(f.Code, f.NameKm, f.NameLatin.Length > 0 ? f.NameLatin : k.NameEn, GazetteerChange.Renamed, k.NameKm, k.NameEn));
            }
            else
            {
                var servedVillage = f.Code.Length == 8 && byCode.ContainsKey(f.Parent);
                plan.Add(new GazetteerPlan(f.Code, f.NameKm, latin, servedVillage ? GazetteerChange.New : GazetteerChange.Outside));
            }
        }

        // A place the file no longer lists, though it lists its parent and places beside it, is gone (a file of one
        // commune's villages says nothing about the other communes); it is removed only when nothing refers to it and
        // every place under it goes too. A province is never gone.
        var parentsListed = file.Select(f => f.Parent).ToHashSet(StringComparer.Ordinal);
        var gone = known.Where(k => !inFile.Contains(k.Code) && inFile.Contains(k.Parent) && parentsListed.Contains(k.Parent))
            .Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        var children = known.ToLookup(k => k.Parent, StringComparer.Ordinal);
        bool Removable(KnownPlace k) => gone.Contains(k.Code) && !k.InUse && children[k.Code].All(Removable);
        foreach (var k in known.Where(k => gone.Contains(k.Code)).OrderBy(k => k.Code, StringComparer.Ordinal))
            plan.Add(new GazetteerPlan(k.Code, k.NameKm, k.NameEn, Removable(k) ? GazetteerChange.Gone : GazetteerChange.KeptInUse));
        return plan;
    }

    /// <summary>How many places each change touches, for the preview's summary line.</summary>
    public static int Count(this IEnumerable<GazetteerPlan> plan, GazetteerChange change) => plan.Count(p => p.Change == change);

    /// <summary>The level's word, for the preview (province, district, commune, village).</summary>
    public static string LevelKey(int codeLength) => "Gazetteer.Level" + codeLength.ToString(CultureInfo.InvariantCulture);
}
