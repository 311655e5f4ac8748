using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The handshake rules for client secrets, each through the real server before the upgrade: what is refused with
/// which status and code, and what is let in.
/// </summary>
public sealed class ClientSecretHandshakeTests(BrowserAuthServerFixture server) : IClassFixture<BrowserAuthServerFixture>
{
    private const string Allowed = BrowserAuthServerFixture.AllowedOrigin;

    private static string[] Browser(string credential) => [RealtimeSubprotocols.Realtime, RealtimeSubprotocols.CredentialPrefix + credential];

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var token = await server.MintTokenAsync();
        server.Time.Advance(TimeSpan.FromSeconds(60));

        using var response = await server.HandshakeAsync(Browser(token), Allowed);

        var message = await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidClientSecret");
        Assert.Contains("expired", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_one_second_before_its_expiry_still_opens_a_session()
    {
        var token = await server.MintTokenAsync();
        server.Time.Advance(TimeSpan.FromSeconds(59));

        await using var browser = await server.ConnectWithTokenAsync(token);
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("signature")]
    public async Task A_token_with_one_character_changed_gets_401(string part)
    {
        var token = await server.MintTokenAsync();
        var dot = token.LastIndexOf('.');
        var at = part == "payload" ? "ek_".Length + 2 : dot + 2;
        var forged = string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));

        using var response = await server.HandshakeAsync(Browser(forged), Allowed);

        await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidClientSecret");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        var otherServer = new ClientSecretCodec(Options.Create(new ClientSecretOptions()), new FakeTimeProvider(server.Time.GetUtcNow()));
        var (token, _) = otherServer.Issue(new ClientSecretGrant(null, null, null));

        using var response = await server.HandshakeAsync(Browser(token), Allowed);

        await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidClientSecret");
    }

    [Theory]
    [InlineData(BrowserAuthServerFixture.ForeignOrigin)]
    [InlineData("null")]
    [InlineData(null)]
    public async Task A_token_from_a_missing_or_foreign_origin_gets_403_and_stays_unspent(string? origin)
    {
        var token = await server.MintTokenAsync();

        using var response = await server.HandshakeAsync(Browser(token), origin);

        await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        // Refused before it was spent: the page of an allowed origin can still use it.
        await using var browser = await server.ConnectWithTokenAsync(token);
    }

    [Fact]
    public async Task The_servers_own_origin_is_always_allowed()
    {
        var token = await server.MintTokenAsync();

        await using var browser = await server.ConnectWithTokenAsync(token, origin: server.OwnOrigin);
    }

    [Fact]
    public async Task A_token_bound_to_another_model_gets_403()
    {
        var token = await server.MintTokenAsync($$$"""{"session":{"type":"realtime","model":"{{{BrowserAuthServerFixture.OtherModel}}}"}}""");

        using var response = await server.HandshakeAsync(Browser(token), Allowed, model: ServerFixture.Model);

        var message = await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains(BrowserAuthServerFixture.OtherModel, message, StringComparison.Ordinal);
        await using var browser = await server.ConnectWithTokenAsync(token, model: BrowserAuthServerFixture.OtherModel);
    }

    [Fact]
    public async Task An_API_key_offered_as_the_subprotocol_gets_401_telling_what_to_use()
    {
        using var response = await server.HandshakeAsync(Browser(ServerFixture.ApiKey), Allowed);

        var message = await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidApiKey");
        Assert.Contains("Authorization: Bearer", message, StringComparison.Ordinal);
        Assert.Contains("client secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_key_nor_token_gets_401_naming_both_ways()
    {
        using var response = await server.HandshakeAsync([RealtimeSubprotocols.Realtime], Allowed);

        var message = await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidApiKey");
        Assert.Contains(RealtimeSubprotocols.CredentialPrefix, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_key_client_is_not_judged_by_its_Origin()
    {
        await using var client = await RawRealtimeClient.ConnectAsync(server.RealtimeUri(), ServerFixture.ApiKey,
            options => options.SetRequestHeader("Origin", BrowserAuthServerFixture.ForeignOrigin));

        Assert.Equal(EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
        Assert.Null(client.SubProtocol);
    }

    [Fact]
    public async Task A_wrong_Authorization_header_is_refused_even_with_a_valid_token()
    {
        var token = await server.MintTokenAsync();

        using var response = await server.HandshakeAsync(Browser(token), Allowed, apiKey: "wrong-key");

        await BrowserAuthServerFixture.AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "InvalidApiKey");
    }

    [Fact]
    public async Task Refusals_are_counted_by_reason()
    {
        const string Invalid = "realtimeasr_refusal_reason=invalid_client_secret";
        const string Origin = "realtimeasr_refusal_reason=origin_not_allowed";
        const string Model = "realtimeasr_refusal_reason=client_secret_model";
        var before = await PrometheusScrape.GetAsync(server.HttpAddress);
        var token = await server.MintTokenAsync("""{"session":{"model":"narrow"}}""");

        using (await server.HandshakeAsync(Browser(token), BrowserAuthServerFixture.ForeignOrigin))
        using (await server.HandshakeAsync(Browser(token), Allowed, model: ServerFixture.Model))
        using (await server.HandshakeAsync(Browser("ek_e30.AAAA"), Allowed))
        {
        }

        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            var after = await PrometheusScrape.GetAsync(server.HttpAddress);
            return after.Sum("realtimeasr_sessions_refused_total", Invalid) == before.Sum("realtimeasr_sessions_refused_total", Invalid) + 1
                && after.Sum("realtimeasr_sessions_refused_total", Origin) == before.Sum("realtimeasr_sessions_refused_total", Origin) + 1
                && after.Sum("realtimeasr_sessions_refused_total", Model) == before.Sum("realtimeasr_sessions_refused_total", Model) + 1;
        }), "the refusals are not counted under their reasons");
    }
}
