using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>What a refused handshake looks like on either endpoint: an HTTP status and a JSON body with a code and a message.</summary>
internal static class HandshakeRefusals
{
    /// <summary>Asks for <paramref name="pathAndQuery"/> with the fixture's key, as a plain GET, and checks the refusal.</summary>
    public static async Task AssertRefusedAsync(Uri server, string pathAndQuery, HttpStatusCode status, string code)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString()));
    }
}
