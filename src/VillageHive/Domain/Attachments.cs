namespace VillageHive.Domain;

/// <summary>The kind of record a file is attached to (issue 23): its id is the record's own.</summary>
public enum AttachmentOwner
{
    Case = 0,
    Person = 1,
    Household = 2,
    Referral = 3,
    /// <summary>A material support request or scheduled payment (<see cref="MaterialSupportRequest"/>): its receipt.</summary>
    SupportPayment = 4,
    /// <summary>A <see cref="ConsentRecord"/>: the photo of the paper the family signed with a thumbprint.</summary>
    Consent = 5,
}

/// <summary>
/// A photo or a PDF attached to a record. The bytes are kept outside the database under <see cref="StorageKey"/> (a
/// random name, never derived from the record or the file name); the row keeps what the bytes were found to be, their
/// size and SHA-256. Removing one only marks it removed: the row, the file and the audit stay.
/// </summary>
public sealed class Attachment
{
    public int Id { get; set; }
    public AttachmentOwner Owner { get; set; }
    public int OwnerId { get; set; }
    /// <summary>The file's name as the phone gave it (shown, never used to find or type the file).</summary>
    public string FileName { get; set; } = "";
    /// <summary>Found from the bytes (<see cref="AttachmentRules.Detect"/>), not from the name.</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Lower-case hex of the bytes' SHA-256.</summary>
    public string Sha256 { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public string? Caption { get; set; }
    public string AddedBy { get; set; } = "";
    public DateTime AddedAt { get; set; }
    /// <summary>The phone's id for the record: a file sent twice is stored once.</summary>
    public Guid ClientId { get; set; }
    public string? RemovedBy { get; set; }
    public DateTime? RemovedAt { get; set; }
    public int Version { get; set; }

    public bool IsImage => AttachmentRules.IsImage(ContentType);
}

/// <summary>What may be attached: the kinds of file recognised by their first bytes, and the size limits.</summary>
public static class AttachmentRules
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";

    /// <summary>The limit until an administrator sets one.</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>The highest limit an administrator may set: a photo resized on the phone is a few hundred KB.</summary>
    public const int HighestMaxBytes = 10 * 1024 * 1024;

    public const int MaxFileName = 200;
    public const int MaxCaption = 500;

    public static bool IsImage(string contentType) => contentType is Jpeg or Png or WebP;

    /// <summary>
    /// The content type the bytes are, by their signature (JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A; WebP "RIFF" ....
    /// "WEBP"; PDF "%PDF-"), or null for anything else: an executable, HTML, SVG or a renamed file of any other kind.
    /// </summary>
    public static string? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return Jpeg;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (bytes.StartsWith("%PDF-"u8)) return Pdf;
        return null;
    }

    /// <summary>The text key of what is wrong with a file of this size and content, or null when it may be attached.</summary>
    public static string? Refusal(long size, ReadOnlySpan<byte> firstBytes, long maxBytes)
    {
        if (size == 0) return "Attachment.Empty";
        if (size > maxBytes) return "Attachment.TooLarge";
        if (Detect(firstBytes) is null) return "Attachment.WrongType";
        return null;
    }

    /// <summary>The name to keep: the last part of what the phone sent, without control characters, at most <see cref="MaxFileName"/> long.</summary>
    public static string CleanFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0) clean = "file";
        return clean.Length > MaxFileName ? clean[..MaxFileName] : clean;
    }

    /// <summary>A limit in bytes as the settings page shows it, in whole megabytes (MiB).</summary>
    public static int Megabytes(long bytes) => (int)Math.Ceiling(bytes / (1024.0 * 1024));
}
