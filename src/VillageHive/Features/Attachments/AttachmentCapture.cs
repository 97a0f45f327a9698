using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Shared;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Attachments;
using VillageHive.Infrastructure.Capture;

namespace VillageHive.Features.Attachments;

/// <summary>
/// Adding a file to a record, as the form and /api/sync both do it: the owner's scope, the size limit and the type
/// found from the bytes; then, inside <see cref="SyncRunner"/> (one receipt per client id: a file sent twice is stored
/// once), the bytes are stored first and the row saved after them. If the row is not saved, the bytes are removed:
/// nothing is left half-saved.
/// </summary>
public static class AttachmentCapture
{
    public static async Task<SyncOutcome> AddAsync(HiveDbContext db, CurrentUser me, IStringLocalizer l, IAttachmentStore store, LinkGenerator links,
        SyncRecord record, AttachmentOwner owner, int ownerId, string? fileName, string? caption, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(store);
        if (!Enum.IsDefined(owner)) return new SyncOutcome.NotFound();
        var view = await AttachmentOwners.FindAsync(db, me, owner, ownerId);
        if (view is null) return new SyncOutcome.NotFound();
        if (!view.MayAdd) return new SyncOutcome.Forbidden();
        var max = await AttachmentOwners.MaxBytesAsync(db);
        if (AttachmentRules.Refusal(bytes.Length, bytes.Span, max) is { } refusal)
            return SyncOutcome.Rejected.One("File", Refused(l, refusal, max));
        var type = AttachmentRules.Detect(bytes.Span)!;
        caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
        if (caption is { Length: > AttachmentRules.MaxCaption }) return SyncOutcome.Rejected.One("Input.Caption", l["Validation.TooLong"]);

        var key = AttachmentKeys.New();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.Span));
        var stored = false;
        SyncOutcome? outcome = null;
        try
        {
            outcome = await SyncRunner.RunAsync(db, l, record, async () =>
            {
                if (!stored)
                {
                    await store.PutAsync(key, bytes);
                    stored = true;
                }
                var attachment = new Attachment
                {
                    Owner = owner, OwnerId = ownerId, FileName = AttachmentRules.CleanFileName(fileName), ContentType = type, Size = bytes.Length,
                    Sha256 = sha, StorageKey = key, Caption = caption, AddedBy = me.UserName, AddedAt = record.ReceivedAt, ClientId = record.ClientId,
                };
                db.Attachments.Add(attachment);
                await db.SaveChangesAsync();
                return new SyncOutcome.Applied(attachment.Id, links.PathToPage("/Attachments/Index", new { owner, ownerId }) ?? "/");
            });
            return outcome;
        }
        finally
        {
            if (stored && outcome is not SyncOutcome.Applied) await store.DeleteAsync(key, CancellationToken.None);
        }
    }

    /// <summary>The message for a refused file, in the user's language, with the limit in megabytes where it matters.</summary>
    public static string Refused(IStringLocalizer l, string key, long maxBytes) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, l[key], AttachmentRules.Megabytes(maxBytes));
}

/// <summary>
/// A file captured offline: the phone keeps the (already resized) photo in IndexedDB and sends it as base64 in the
/// record's data with the owner, the file's name and the caption; applied once by its client id.
/// </summary>
public sealed class AttachmentKind(IAttachmentStore store, LinkGenerator links) : ICaptureKind
{
    public string Kind => SyncKinds.Attachment;

    public string Policy => Policies.Attach;

    public async Task<SyncOutcome> ApplyAsync(CaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var l = request.L;
        if (!Enum.TryParse<AttachmentOwner>(request.Data.Text("owner"), ignoreCase: true, out var owner) || !Enum.IsDefined(owner))
            return SyncOutcome.Rejected.One("owner", l["Validation.Invalid"]);
        if (request.Data.Number("ownerId") is not { } ownerId) return SyncOutcome.Rejected.One("ownerId", l["Validation.Required"]);
        var content = request.Data.Text("content") ?? "";
        // Refused by its length before it is decoded: base64 is 4 characters for 3 bytes.
        if (content.Length > (AttachmentRules.HighestMaxBytes / 3 + 1) * 4)
            return SyncOutcome.Rejected.One("File", AttachmentCapture.Refused(l, "Attachment.TooLarge", await AttachmentOwners.MaxBytesAsync(request.Db)));
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            return SyncOutcome.Rejected.One("File", l["Attachment.WrongType"]);
        }
        return await AttachmentCapture.AddAsync(request.Db, request.Me, l, store, links, request.Record, owner, ownerId,
            request.Data.Text("fileName"), request.Data.Text("caption"), bytes);
    }
}
