#pragma warning disable OPENAI002 // The realtime client of the OpenAI SDK is experimental.
using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Realtime;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// <c>POST /v1/realtime/client_secrets</c> as the official OpenAI .NET SDK calls it, and the token it mints opening one
/// browser-style session (subprotocols <c>realtime</c> and <c>openai-insecure-api-key.&lt;token&gt;</c>, an Origin).
/// </summary>
public sealed class ClientSecretSdkTests(BrowserAuthServerFixture server) : IClassFixture<BrowserAuthServerFixture>
{
    private RealtimeClient Sdk(string key) =>
        new(new ApiKeyCredential(key), new RealtimeClientOptions { Endpoint = new Uri(server.HttpAddress, "/v1") });

    private static CreateClientSecretOptions TranscriptionSecret(string model, int? seconds = null) => new()
    {
        ExpirationPolicy = seconds is null ? null : new RealtimeClientSecretExpirationPolicy { Anchor = RealtimeClientSecretExpirationAnchor.CreatedAt, Seconds = seconds },
        SessionOptions = new RealtimeTranscriptionSessionOptions
        {
            AudioOptions = new RealtimeTranscriptionSessionAudioOptions
            {
                InputAudioOptions = new RealtimeTranscriptionSessionInputAudioOptions
                {
                    AudioTranscriptionOptions = new RealtimeAudioTranscriptionOptions { Model = model },
                },
            },
        },
    };

    [Fact]
    public async Task The_SDK_mints_a_token_that_opens_one_browser_session_which_transcribes_and_a_second_use_gets_401()
    {
        var minted = (await Sdk(ServerFixture.ApiKey).CreateRealtimeClientSecretAsync(TranscriptionSecret(ServerFixture.Model, seconds: 120))).Value;

        Assert.StartsWith("ek_", minted.Value, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(server.Time.GetUtcNow().ToUnixTimeSeconds() + 120), minted.ExpiresAt);
        var session = Assert.IsType<RealtimeTranscriptionSession>(minted.Session);
        Assert.Equal(ServerFixture.Model, session.AudioOptions.InputAudioOptions.AudioTranscriptionOptions.Model);

        var clip = TestAudio.LibriVoxClips()[0];
        await using (var browser = await server.ConnectWithTokenAsync(minted.Value))
        {
            Assert.Equal(RealtimeSubprotocols.Realtime, browser.SubProtocol);
            await browser.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""");
            await browser.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
            await browser.CommitAsync();
            await browser.FinishAsync();
            await browser.ReceiveUntilAsync(EventTypes.SessionFinished);
            var transcript = Assert.Single(EventSequenceAssert.Utterances(browser.Received, serverVad: false)).Transcript;
            Assert.Equal(await DirectEngine.TranscribeAsync(server.Engine, clip.Samples), transcript);
            Assert.NotEmpty(transcript);
        }

        using var again = await server.HandshakeAsync(["realtime", RealtimeSubprotocols.CredentialPrefix + minted.Value], BrowserAuthServerFixture.AllowedOrigin);
        var message = await BrowserAuthServerFixture.AssertRefusedAsync(again, HttpStatusCode.Unauthorized, "InvalidClientSecret");
        Assert.Contains("already used", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SDK_with_a_wrong_key_gets_401()
    {
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Sdk("wrong-key").CreateRealtimeClientSecretAsync(new CreateClientSecretOptions()));
        Assert.Equal(401, ex.Status);
    }

    [Fact]
    public async Task Without_a_key_the_route_answers_401_with_an_OpenAI_error()
    {
        using var response = await server.MintAsync("{}", key: null);

        var error = await AssertOpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_empty_request_mints_a_token_for_any_model_with_the_default_lifetime()
    {
        var minted = (await Sdk(ServerFixture.ApiKey).CreateRealtimeClientSecretAsync(new CreateClientSecretOptions())).Value;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(server.Time.GetUtcNow().ToUnixTimeSeconds() + 60), minted.ExpiresAt);
        await using var browser = await server.ConnectWithTokenAsync(minted.Value, model: BrowserAuthServerFixture.OtherModel);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" \n")]
    public async Task An_empty_body_asks_for_the_defaults(string? body)
    {
        using var response = await server.MintAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(server.Time.GetUtcNow().ToUnixTimeSeconds() + 60, json.GetProperty("expires_at").GetInt64());
        Assert.Equal("transcription", json.GetProperty("session").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_lifetime_beyond_MaxLifetime_is_shortened_to_it()
    {
        var minted = (await Sdk(ServerFixture.ApiKey).CreateRealtimeClientSecretAsync(TranscriptionSecret(ServerFixture.Model, seconds: 7200))).Value;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(server.Time.GetUtcNow().ToUnixTimeSeconds() + 600), minted.ExpiresAt);
    }

    [Fact]
    public async Task A_realtime_session_binds_its_model_and_is_echoed_in_that_shape()
    {
        using var response = await server.MintAsync("""{"session":{"type":"realtime","model":"narrow","instructions":"ignored"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("realtime", body.GetProperty("session").GetProperty("type").GetString());
        Assert.Equal("narrow", body.GetProperty("session").GetProperty("model").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("{", null, "invalid_json")]
    [InlineData("[]", null, "invalid_type")]
    [InlineData("""{"session": 5}""", "session", "invalid_type")]
    [InlineData("""{"session": {"type": "conversation"}}""", "session.type", "invalid_value")]
    [InlineData("""{"session": {"model": 7}}""", "session.model", "invalid_type")]
    [InlineData("""{"session": {"audio": {"input": 1}}}""", "session.audio.input", "invalid_type")]
    [InlineData("""{"session": {"model": "qwen3-asr-flash-realtime", "audio": {"input": {"transcription": {"model": "narrow"}}}}}""", "session.model", "invalid_value")]
    [InlineData("""{"expires_after": 60}""", "expires_after", "invalid_type")]
    [InlineData("""{"expires_after": {"anchor": "now", "seconds": 60}}""", "expires_after.anchor", "invalid_value")]
    [InlineData("""{"expires_after": {"anchor": "created_at", "seconds": 5}}""", "expires_after.seconds", "invalid_value")]
    [InlineData("""{"expires_after": {"anchor": "created_at", "seconds": 7201}}""", "expires_after.seconds", "invalid_value")]
    [InlineData("""{"expires_after": {"anchor": "created_at", "seconds": 60.5}}""", "expires_after.seconds", "invalid_value")]
    public async Task A_malformed_request_gets_400_with_an_OpenAI_error_naming_the_field(string body, string? param, string code)
    {
        using var response = await server.MintAsync(body);

        var error = await AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_model_gets_404_model_not_found()
    {
        using var response = await server.MintAsync("""{"session":{"type":"transcription","audio":{"input":{"transcription":{"model":"whisper-1"}}}}}""");

        var error = await AssertOpenAIErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("session.audio.input.transcription.model", error.GetProperty("param").GetString());
        Assert.Contains("whisper-1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertOpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("param", out _));
        return error;
    }
}
