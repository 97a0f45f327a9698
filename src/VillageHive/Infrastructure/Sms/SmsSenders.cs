using System.Net.Http.Headers;
using System.Text;

namespace VillageHive.Infrastructure.Sms;

/// <summary>Hands one SMS to whatever carries it; throws when it was not accepted (the outbox tries again later).</summary>
public interface ISmsSender
{
    Task SendAsync(string to, string text, CancellationToken cancellationToken);
}

/// <summary>Settings of the SMS gateway (section <c>Sms:Gateway</c>); with no <see cref="Url"/> SMS go to a file.</summary>
public sealed class SmsGatewayOptions
{
    /// <summary>The provider's HTTPS address that takes a POST of JSON <c>{"to", "text", "from"}</c>.</summary>
    public Uri? Url { get; set; }
    /// <summary>Sent as <c>Authorization: Bearer …</c> when set. Keep it out of the repository (environment, user secrets).</summary>
    public string? Token { get; set; }
    /// <summary>The sender name the provider shows, when it allows one (<c>from</c>).</summary>
    public string? SenderName { get; set; }
}

/// <summary>The thing a gateway could not take: its status code and the start of its answer.</summary>
public sealed class SmsNotSentException(string message) : Exception(message);

/// <summary>
/// A plain HTTP gateway: POST JSON <c>{"to": "+855…", "text": "…", "from": "…"}</c> with a bearer token; any 2xx is
/// accepted, anything else (or no answer) is a failure. Most Cambodian bulk-SMS providers take this shape, or a small
/// relay of the commune's choosing can turn it into theirs.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, Microsoft.Extensions.Options.IOptions<SmsGatewayOptions> options) : ISmsSender
{
    public async Task SendAsync(string to, string text, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url ?? throw new InvalidOperationException("Sms:Gateway:Url is not set."))
        {
            Content = JsonContent.Create(new GatewayMessage(to, text, string.IsNullOrWhiteSpace(o.SenderName) ? null : o.SenderName)),
        };
        if (!string.IsNullOrEmpty(o.Token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new SmsNotSentException($"{(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 200 ? body[..200] : body)}");
    }

    private sealed record GatewayMessage(
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("from"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? From);
}

/// <summary>
/// For development and a Hive without a provider: each SMS is a line appended to a file in the data folder
/// (<c>Sms:File</c>, default <c>App_Data/sms.log</c>): number, a tab, the text.
/// </summary>
public sealed class FileSmsSender(string path) : ISmsSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string Path => path;

    public async Task SendAsync(string to, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(text);
        var line = to + "\t" + text.Replace('\n', ' ').Replace('\r', ' ') + "\n";
        await Gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            await File.AppendAllTextAsync(path, line, Encoding.UTF8, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}
