using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace VillageHive.Tests.Infrastructure;

/// <summary>
/// The S3-compatible server the tests run the S3 attachment store against: s3rver (tools/s3rver), which ./test.sh
/// installs and starts, at HIVE_TEST_S3 (default http://127.0.0.1:4569) with its own keys. Each test run makes a bucket
/// of its own. The tests look into the bucket with a client of their own, not through the store they check.
/// </summary>
public static class TestS3
{
    public const string DefaultServiceUrl = "http://127.0.0.1:4569";

    public static string ServiceUrl =>
        Environment.GetEnvironmentVariable("HIVE_TEST_S3") is { Length: > 0 } url ? url : DefaultServiceUrl;

    /// <summary>s3rver's fixed keys; it checks every request's signature with them.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    /// <summary>Why no bucket could be made, for the skip message.</summary>
    public static string? Problem { get; private set; }

    private static readonly Lazy<AmazonS3Client> Client = new(() => new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        Timeout = TimeSpan.FromSeconds(10),
        MaxErrorRetry = 0,
    }));

    /// <summary>A new, empty bucket for this run; null (and <see cref="Problem"/> set) when the server does not answer.</summary>
    public static async Task<string?> CreateBucketAsync()
    {
        var bucket = $"hive-test-{Guid.NewGuid():N}";
        try
        {
            await Client.Value.PutBucketAsync(bucket);
            return bucket;
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            Problem = e.Message;
            return null;
        }
    }

    /// <summary>Every object in the bucket (other tests add theirs meanwhile).</summary>
    public static async Task<List<S3Object>> ObjectsAsync(string bucket)
    {
        var all = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        while (true)
        {
            var page = await Client.Value.ListObjectsV2Async(request);
            all.AddRange(page.S3Objects ?? []);
            if (page.IsTruncated != true) return all;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public static async Task<byte[]> ReadAsync(string bucket, string objectKey)
    {
        using var response = await Client.Value.GetObjectAsync(bucket, objectKey);
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes);
        return bytes.ToArray();
    }
}
