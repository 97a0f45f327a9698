using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data;
using VillageHive.Infrastructure.Api;

namespace VillageHive.Tests.Infrastructure;

/// <summary>API clients for the tests: made as the CLI makes them, signed in at /connect/token as another system would.</summary>
public static class ApiData
{
    public sealed record Client(string Name, string Id, string Secret);

    /// <summary>A new client with a unique name, a role and areas (gazetteer codes), optionally of a provider organisation.</summary>
    public static async Task<Client> NewApiClientAsync(this HiveApp app, string role, string[] areas, string? organisation = null)
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = app.Services.CreateAsyncScope();
        var made = await ApiClientStore.CreateAsync(scope.ServiceProvider.GetRequiredService<HiveDbContext>(), name, role, areas, organisation, "test", TestClock.UtcNow);
        made.ErrorKey.ShouldBeNull();
        return new Client(name, made.Client!.ClientId, made.Secret!);
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(this HiveApp app, string clientId, string secret) =>
        app.Anonymous().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));

    public static async Task<string> TokenAsync(this HiveApp app, Client client)
    {
        var response = await app.RequestTokenAsync(client.Id, client.Secret);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("token_type").GetString().ShouldBe("Bearer");
        json.GetProperty("expires_in").GetInt32().ShouldBe(900);
        return json.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client carrying a fresh token of the client (no cookies of any user).</summary>
    public static async Task<HttpClient> ApiAsync(this HiveApp app, Client client, string language = "en")
    {
        var http = app.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(client));
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return http;
    }

    /// <summary>A new client of the role and areas, and an HTTP client with its token.</summary>
    public static async Task<(Client Client, HttpClient Http)> NewApiAsync(this HiveApp app, string role, params string[] areas)
    {
        var client = await app.NewApiClientAsync(role, areas);
        return (client, await app.ApiAsync(client));
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every item of a list, following the cursor to the end.</summary>
    public static async Task<List<JsonElement>> AllAsync(this HttpClient http, string path, int limit = 500)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        while (true)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var url = $"{path}{separator}limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await http.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (!page.GetProperty("hasMore").GetBoolean()) return items;
            cursor = page.GetProperty("nextCursor").GetString();
        }
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object body) =>
        http.PostAsync(path, JsonContent.Create(body));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string path, object body) =>
        http.PutAsync(path, JsonContent.Create(body));
}
