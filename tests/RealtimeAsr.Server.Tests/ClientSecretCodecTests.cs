using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>The token codec and the spent-token record alone, on a fake clock.</summary>
public sealed class ClientSecretCodecTests
{
    private static readonly string SharedKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private ClientSecretCodec Codec(string? signingKey = null) =>
        new(Options.Create(new ClientSecretOptions { SigningKey = signingKey }), _time);

    [Fact]
    public void A_minted_token_reads_back_with_its_claims()
    {
        var codec = Codec();
        var (value, issued) = codec.Issue(new ClientSecretGrant("key1", "qwen3-asr-flash-realtime", "https://app.example.com"), TimeSpan.FromSeconds(90));

        Assert.Equal(ClientSecretStatus.Valid, codec.Read(value, out var read));
        Assert.Equal(issued, read);
        Assert.Equal(_time.GetUtcNow().AddSeconds(90), read!.ExpiresAt);
        Assert.Matches("^ek_[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", value);
    }

    [Fact]
    public void Two_tokens_for_the_same_grant_have_different_ids()
    {
        var codec = Codec();
        var grant = new ClientSecretGrant(null, null, null);

        Assert.NotEqual(codec.Issue(grant).Claims.Id, codec.Issue(grant).Claims.Id);
    }

    [Fact]
    public void Every_single_character_change_makes_the_token_invalid()
    {
        var codec = Codec();
        var (value, _) = codec.Issue(new ClientSecretGrant("key1", null, null));

        for (var i = 0; i < value.Length; i++)
        {
            var forged = string.Concat(value.AsSpan(0, i), value[i] == 'x' ? "y" : "x", value.AsSpan(i + 1));
            Assert.NotEqual(ClientSecretStatus.Valid, codec.Read(forged, out _));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ek_")]
    [InlineData("ek_.")]
    [InlineData("not-a-token")]
    [InlineData("ek_e30.AAAA")]
    public void Garbage_is_invalid(string value) =>
        Assert.Equal(ClientSecretStatus.Invalid, Codec().Read(value, out _));

    [Fact]
    public void A_token_expires_at_its_expires_at_and_not_before()
    {
        var codec = Codec();
        var (value, _) = codec.Issue(new ClientSecretGrant(null, null, null), TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(ClientSecretStatus.Valid, codec.Read(value, out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ClientSecretStatus.Expired, codec.Read(value, out var claims));
        Assert.NotNull(claims);
    }

    [Fact]
    public void The_lifetime_defaults_to_DefaultLifetime_and_is_clamped_to_MaxLifetime()
    {
        var codec = new ClientSecretCodec(Options.Create(new ClientSecretOptions
        {
            DefaultLifetime = TimeSpan.FromSeconds(45),
            MaxLifetime = TimeSpan.FromMinutes(5),
        }), _time);
        var grant = new ClientSecretGrant(null, null, null);

        Assert.Equal(_time.GetUtcNow().AddSeconds(45), codec.Issue(grant).Claims.ExpiresAt);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), codec.Issue(grant, TimeSpan.FromHours(2)).Claims.ExpiresAt);
        Assert.Equal(_time.GetUtcNow().AddSeconds(10), codec.Issue(grant, TimeSpan.FromSeconds(10)).Claims.ExpiresAt);
    }

    [Fact]
    public void Replicas_sharing_a_signing_key_accept_each_others_tokens_and_random_keys_do_not()
    {
        var (value, _) = Codec(SharedKey).Issue(new ClientSecretGrant("key1", null, null));

        Assert.Equal(ClientSecretStatus.Valid, Codec(SharedKey).Read(value, out _));
        Assert.Equal(ClientSecretStatus.Invalid, Codec().Read(value, out _));
    }

    [Fact]
    public void A_token_is_spent_once_and_its_id_forgotten_after_it_expires()
    {
        var codec = Codec();
        var spent = new SpentClientSecrets(_time);
        var first = codec.Issue(new ClientSecretGrant(null, null, null), TimeSpan.FromSeconds(10)).Claims;

        Assert.True(spent.TrySpend(first));
        Assert.False(spent.TrySpend(first));

        _time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 200; i++)
        {
            Assert.True(spent.TrySpend(codec.Issue(new ClientSecretGrant(null, null, null), TimeSpan.FromSeconds(60)).Claims));
        }

        // The expired id was pruned along the way; the live ones are all remembered.
        Assert.Equal(200, spent.Count);
    }

    [Theory]
    [InlineData("--RealtimeAsr:ClientSecrets:SigningKey=c2hvcnQ=")]
    [InlineData("--RealtimeAsr:ClientSecrets:SigningKey=not base64!")]
    [InlineData("--RealtimeAsr:ClientSecrets:MaxLifetime=03:00:00")]
    [InlineData("--RealtimeAsr:ClientSecrets:DefaultLifetime=00:20:00")]
    [InlineData("--RealtimeAsr:ClientSecrets:AllowedOrigins:0=https://app.example.com/path")]
    public async Task Bad_options_stop_the_server_at_start(string setting)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => ConfiguredServer.StartAsync(setting));
        Assert.Contains("RealtimeAsr:ClientSecrets", ex.Message, StringComparison.Ordinal);
    }
}
