using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Domain;
using VillageHive.Infrastructure.Attachments;

namespace VillageHive.Tests.Infrastructure;

/// <summary>Attached files for the tests: made directly (store, then row) or uploaded through the form as a phone does.</summary>
public static partial class AttachmentData
{
    /// <summary>A small JPEG-signed file (the server checks the signature, not the picture).</summary>
    public static byte[] Jpeg(int size = 2048)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        return bytes;
    }

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static async Task<int> NewAttachmentAsync(this HiveApp app, AttachmentOwner owner, int ownerId, byte[] bytes, string user = "ouchar.vbsw1")
    {
        var store = app.Services.GetRequiredService<IAttachmentStore>();
        var key = AttachmentKeys.New();
        await store.PutAsync(key, bytes);
        return await app.WithDbAsync(async db =>
        {
            var a = new Attachment
            {
                Owner = owner, OwnerId = ownerId, FileName = "test.jpg", ContentType = AttachmentRules.Detect(bytes)!, Size = bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), StorageKey = key, AddedBy = user, AddedAt = TestClock.UtcNow, ClientId = Guid.NewGuid(),
            };
            db.Attachments.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
    }

    /// <summary>One stored thing: a file of the folder store (a temporary one too) or an object in the app's bucket, by its last name part.</summary>
    public sealed record StoredObject(string Name, long Size, Func<Task<byte[]>> ReadAsync);

    /// <summary>Everything the app's store holds (other tests add theirs meanwhile), looked at directly, not through the store.</summary>
    public static async Task<List<StoredObject>> StoredAsync(this HiveApp app)
    {
        if (app.S3Bucket is { } bucket)
            return [.. (await TestS3.ObjectsAsync(bucket)).Select(o => new StoredObject(o.Key[(o.Key.LastIndexOf('/') + 1)..], o.Size ?? 0, () => TestS3.ReadAsync(bucket, o.Key)))];
        var dir = HiveApp.AttachmentsDirectory;
        return Directory.Exists(dir)
            ? [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => new StoredObject(Path.GetFileName(f), new FileInfo(f).Length, () => File.ReadAllBytesAsync(f)))]
            : [];
    }

    /// <summary>How many stored things hold exactly these bytes.</summary>
    public static async Task<int> StoredCopiesAsync(this HiveApp app, byte[] bytes)
    {
        var sha = SHA256.HashData(bytes);
        var copies = 0;
        foreach (var o in (await app.StoredAsync()).Where(o => o.Size == bytes.Length))
        {
            try
            {
                if (SHA256.HashData(await o.ReadAsync()).AsSpan().SequenceEqual(sha)) copies++;
            }
            catch (FileNotFoundException)
            {
                // A temporary file renamed into place meanwhile: its bytes are counted under their key.
            }
        }
        return copies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"ClientId\" value=\"([^\"]+)\"")]
    private static partial Regex ClientIdPattern();

    /// <summary>Uploads a file through the record's attachments form (its token and client id), as the phone's browser posts it.</summary>
    public static async Task<HttpResponseMessage> AttachAsync(this HttpClient client, AttachmentOwner owner, int ownerId, string fileName, byte[] content,
        string? caption = null, string contentType = "image/jpeg", Guid? clientId = null)
    {
        var url = $"/Attachments/Of/{owner}/{ownerId}";
        var form = await client.GetHtmlAsync(url);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent((clientId ?? Guid.Parse(ClientIdPattern().Match(form).Groups[1].Value)).ToString()), "ClientId" },
            { new StringContent(caption ?? ""), "Input.Caption" },
            { file, "file", fileName },
        };
        return await client.PostAsync(url, body);
    }
}
