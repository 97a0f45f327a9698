namespace VillageHive.Domain;

/// <summary>Text a person typed into a form, as it is kept.</summary>
public static class TypedText
{
    /// <summary>
    /// Trimmed, without NUL characters (PostgreSQL refuses them in text, and no keyboard means one); null when nothing
    /// is left, so that an empty box and a box of spaces are both "not given".
    /// </summary>
    public static string? OrNull(string? typed)
    {
        var text = typed?.Replace("\0", "", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
