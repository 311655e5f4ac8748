using System.Net;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>The upload, duration and concurrency limits of <c>POST /v1/audio/transcriptions</c> (<c>RealtimeAsr:OpenAI</c>).</summary>
public sealed class OpenAITranscriptionLimitsTests
{
    [Fact]
    public async Task A_file_over_the_upload_limit_is_a_413()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:OpenAI:MaxUploadBytes=100000");
        var address = new Uri(app.Urls.First());
        var big = File.ReadAllBytes(AudioFiles.Clip0870); // 227 kB

        using var response = await OpenAITranscriptionClient.PostAsync(address, big, ("model", ServerFixture.Model));

        var message = await OpenAITranscriptionHttpTests.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "file_too_large", "file");
        Assert.Contains("100000 bytes", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_over_the_duration_limit_is_a_400()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:OpenAI:MaxAudioDuration=00:00:02");
        var address = new Uri(app.Urls.First());

        using var response = await OpenAITranscriptionClient.PostAsync(address, File.ReadAllBytes(AudioFiles.Clip0870), ("model", ServerFixture.Model));

        await OpenAITranscriptionHttpTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "audio_too_long", "file");
    }

    [Fact]
    public async Task With_no_transcription_slots_every_request_is_a_503_with_retry_after()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:OpenAI:MaxConcurrentTranscriptions=0");
        var address = new Uri(app.Urls.First());

        using var response = await OpenAITranscriptionClient.PostAsync(address, File.ReadAllBytes(AudioFiles.Clip0870), ("model", ServerFixture.Model));

        await OpenAITranscriptionHttpTests.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "server_busy", null);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_full_server_refuses_a_transcription_as_it_refuses_a_live_session()
    {
        await using var app = await ConfiguredServer.StartAsync("--RealtimeAsr:Limits:MaxSessions=1");
        var address = new Uri(app.Urls.First());
        await using var live = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);

        using var response = await OpenAITranscriptionClient.PostAsync(address, File.ReadAllBytes(AudioFiles.Clip0870), ("model", ServerFixture.Model));

        await OpenAITranscriptionHttpTests.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "server_busy", null);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
