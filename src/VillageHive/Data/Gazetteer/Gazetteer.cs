namespace VillageHive.Data.Gazetteer;

/// <summary>One place of the shipped gazetteer; its level is the length of its code (2, 4, 6 or 8 digits).</summary>
public sealed record GazetteerPlace(string Code, string NameKm, string NameLatin, bool Verified, string Note)
{
    public bool IsProvince => Code.Length == 2;
    public bool IsDistrict => Code.Length == 4;
    public bool IsCommune => Code.Length == 6;
    public string Parent => Code.Length > 2 ? Code[..(Code.Length - 2)] : "";
}

/// <summary>The places shipped with the Hive (<c>Data/Gazetteer/gazetteer.tsv</c>, see its README), read once.</summary>
public static class ShippedGazetteer
{
    private static readonly Lazy<IReadOnlyList<GazetteerPlace>> All = new(Read);

    public static IReadOnlyList<GazetteerPlace> Places => All.Value;

    public static GazetteerPlace? Find(string code) => Places.FirstOrDefault(p => p.Code == code);

    private static List<GazetteerPlace> Read()
    {
        using var stream = typeof(ShippedGazetteer).Assembly.GetManifestResourceStream("gazetteer.tsv")
            ?? throw new InvalidOperationException("The gazetteer is missing from the build.");
        using var reader = new StreamReader(stream);
        // Tab-separated, a header line first: code, Khmer name, Latin name, verified (yes/no), note.
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.TrimEnd('\r').Split('\t'))
            .Select(f => new GazetteerPlace(f[0], f[1], f[2], f[3] == "yes", f.Length > 4 ? f[4] : ""))
            .ToList();
    }
}
