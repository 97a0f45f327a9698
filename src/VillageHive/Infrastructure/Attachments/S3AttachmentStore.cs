using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace VillageHive.Infrastructure.Attachments;

/// <summary>
/// Attachments in an S3-compatible bucket (Amazon S3, MinIO, Garage, ...), configured under Attachments:S3: Bucket,
/// ServiceUrl (for a server other than Amazon's; path-style addresses), Region, AccessKey and SecretKey (keep those in
/// environment variables or user secrets), Prefix (default "attachments/"). An object appears whole or not at all, so a
/// PUT is the atomic write. Backups list the keys and checksums (the bucket keeps its own copies).
/// </summary>
public sealed class S3AttachmentStore(IAmazonS3 client, string bucket, string prefix) : IAttachmentStore
{
    public string Kind => "s3";
    public string Location => $"s3://{bucket}/{prefix}";
    public bool CopiedIntoBackups => false;

    public static S3AttachmentStore From(IConfiguration section, string bucket)
    {
        var config = new AmazonS3Config
        {
            // Checksums only where the operation requires one. The SDK's default (since AWSSDK 3.7.400 / 4) sends every
            // PUT body "aws-chunked" with a CRC32 trailer; an S3-compatible server that does not know that encoding
            // (s3rver, found by the tests; older MinIO and Ceph releases) stores the chunk frames as the object's bytes.
            // The PUT below sends the whole body with its length and its SHA-256 instead.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (section["ServiceUrl"] is { Length: > 0 } url)
        {
            config.ServiceURL = url;
            config.ForcePathStyle = true;
        }
        if (section["Region"] is { Length: > 0 } region) config.AuthenticationRegion = region;
        var client = section["AccessKey"] is { Length: > 0 } key
            ? new AmazonS3Client(new BasicAWSCredentials(key, section["SecretKey"] ?? ""), config)
            : new AmazonS3Client(config);
        return new S3AttachmentStore(client, bucket, section["Prefix"] ?? "attachments/");
    }

    private string ObjectKey(string key) =>
        AttachmentKeys.IsValid(key) ? prefix + key : throw new ArgumentException("Not a storage key.", nameof(key));

    /// <summary>
    /// One PUT of the whole body: not chunk-encoded, its SHA-256 signed and sent as x-amz-checksum-sha256 (Amazon S3 refuses
    /// the object when the bytes it got differ). Then the stored length is asked back: a server that kept something other
    /// than the bytes sent (as s3rver did with chunk frames) is found here, the object is removed and nothing is attached.
    /// </summary>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var objectKey = ObjectKey(key);
        using var body = new MemoryStream(bytes.ToArray(), writable: false);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = objectKey, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false,
            ChecksumSHA256 = Convert.ToBase64String(SHA256.HashData(bytes.Span)),
        }, ct);
        var stored = await client.GetObjectMetadataAsync(bucket, objectKey, ct);
        if (stored.ContentLength != bytes.Length)
        {
            await client.DeleteObjectAsync(bucket, objectKey, ct);
            throw new IOException($"The S3 server stored {stored.ContentLength} bytes for the {bytes.Length} sent under {objectKey}; nothing was kept.");
        }
    }

    public async Task<Stream?> OpenAsync(string key, CancellationToken ct = default)
    {
        try
        {
            using var response = await client.GetObjectAsync(bucket, ObjectKey(key), ct);
            // Copied out so that the response (and its connection) is released before the page writes the bytes.
            var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, ct);
            copy.Position = 0;
            return copy;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct = default) =>
        client.DeleteObjectAsync(bucket, ObjectKey(key), ct);
}
