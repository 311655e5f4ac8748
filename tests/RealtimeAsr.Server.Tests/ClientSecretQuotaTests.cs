using System.Net;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>A token's session counts against the quota of the key that minted it (<c>RealtimeAsr:Limits:MaxSessionsPerKey</c>).</summary>
public sealed class ClientSecretQuotaTests(ClientSecretQuotaTests.OneSessionPerKey server) : IClassFixture<ClientSecretQuotaTests.OneSessionPerKey>
{
    /// <summary>The browser-auth server with one live session per key.</summary>
    public sealed class OneSessionPerKey() : BrowserAuthServerFixture(withKeys: true, "--RealtimeAsr:Limits:MaxSessionsPerKey=1");

    [Fact]
    public async Task A_session_opened_with_a_token_of_key_K_uses_Ks_quota_and_not_the_other_keys()
    {
        var token = await server.MintTokenAsync(key: ServerFixture.ApiKey);
        await using var browser = await server.ConnectWithTokenAsync(token);

        using (var sameKey = await server.HandshakeAsync([], origin: null, apiKey: ServerFixture.ApiKey))
        {
            await BrowserAuthServerFixture.AssertRefusedAsync(sameKey, HttpStatusCode.TooManyRequests, "Throttling.AllocationQuota");
        }

        var othersToken = await server.MintTokenAsync(key: BrowserAuthServerFixture.OtherKey);
        await using var other = await server.ConnectWithTokenAsync(othersToken);
        Assert.Equal(EventTypes.SessionCreated, browser.Received[0].Type);
    }
}
