using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> and <c>GET /v1/models</c> over plain HTTP: the subtitle formats, the model list,
/// and every kind of bad request answered with its status and an OpenAI-shaped error.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class OpenAITranscriptionHttpTests(ServerFixture server)
{
    private static byte[] Clip => File.ReadAllBytes(AudioFiles.Clip0870);

    [Fact]
    public async Task Srt_and_vtt_have_one_cue_per_segment_with_its_times()
    {
        var recording = AudioFiles.Wav16k(SpeechSamples.LibriVoxRecording());
        using var verbose = await PostAsync(recording, ("response_format", "verbose_json"));
        var segments = JsonDocument.Parse(await verbose.Content.ReadAsStringAsync()).RootElement.GetProperty("segments").EnumerateArray().ToList();

        using var srt = await PostAsync(recording, ("response_format", "srt"));
        using var vtt = await PostAsync(recording, ("response_format", "vtt"));

        Assert.Equal("text/plain", srt.Content.Headers.ContentType?.MediaType);
        var srtText = await srt.Content.ReadAsStringAsync();
        var vttText = await vtt.Content.ReadAsStringAsync();
        Assert.StartsWith("WEBVTT\n\n", vttText, StringComparison.Ordinal);
        var first = segments[0];
        var start = TimeSpan.FromSeconds(first.GetProperty("start").GetDouble());
        var end = TimeSpan.FromSeconds(first.GetProperty("end").GetDouble());
        Assert.StartsWith($"1\n{start:hh\\:mm\\:ss\\,fff} --> {end:hh\\:mm\\:ss\\,fff}\n{first.GetProperty("text").GetString()}\n\n", srtText, StringComparison.Ordinal);
        Assert.Contains($"{start:hh\\:mm\\:ss\\.fff} --> {end:hh\\:mm\\:ss\\.fff}\n{first.GetProperty("text").GetString()}\n\n", vttText, StringComparison.Ordinal);
        Assert.Equal(segments.Count, srtText.Split(" --> ").Length - 1);
        Assert.Equal(segments.Count, vttText.Split(" --> ").Length - 1);
    }

    [Fact]
    public async Task Silence_gives_an_empty_transcript_without_segments()
    {
        using var response = await PostAsync(AudioFiles.Wav16k(TestAudio.Silence(3000)), ("response_format", "verbose_json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("", root.GetProperty("text").GetString());
        Assert.Equal(0, root.GetProperty("segments").GetArrayLength());
        Assert.Equal(3.0, root.GetProperty("duration").GetDouble());
    }

    [Fact]
    public async Task Models_are_listed_in_openai_shape()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.HttpAddress, "/v1/models"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        var model = root.GetProperty("data")[0];
        Assert.Equal(ServerFixture.Model, model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal("realtime-asr", model.GetProperty("owned_by").GetString());
        Assert.True(model.GetProperty("created").GetInt64() > 1_700_000_000);
    }

    [Fact]
    public async Task Models_need_the_api_key()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.HttpAddress, "/v1/models"));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key", param: null);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_401()
    {
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Clip), "file", "a.wav" }, { new StringContent(ServerFixture.Model), "model" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.HttpAddress, "/v1/audio/transcriptions")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key");
        using var response = await http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key", param: null);
    }

    [Fact]
    public async Task No_file_is_a_400_naming_the_field()
    {
        using var response = await OpenAITranscriptionClient.PostAsync(server.HttpAddress, null, ("model", ServerFixture.Model));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value", "file");
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_naming_the_served_ones()
    {
        using var response = await OpenAITranscriptionClient.PostAsync(server.HttpAddress, Clip, ("model", "whisper-1"));

        var message = await AssertErrorAsync(response, HttpStatusCode.NotFound, "model_not_found", "model");
        Assert.Contains("'whisper-1'", message, StringComparison.Ordinal);
        Assert.Contains(ServerFixture.Model, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_bytes_are_a_400_naming_the_accepted_formats()
    {
        var garbage = new byte[5000];
        new Random(3).NextBytes(garbage);

        using var response = await PostAsync(garbage);

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_audio_format", "file");
        Assert.Contains("WAV", message, StringComparison.Ordinal);
        Assert.Contains("Ogg Opus", message, StringComparison.Ordinal);
        Assert.Contains("MP3", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flac_is_a_400_that_says_why()
    {
        using var response = await PostAsync(AudioFiles.Convert(AudioFiles.Clip0870, "flac"));

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_audio_format", "file");
        Assert.Contains("FLAC is not decoded here", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_wav_is_a_400()
    {
        using var response = await PostAsync(Clip[..30]);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_audio", "file");
    }

    [Theory]
    [InlineData("response_format", "mp4")]
    [InlineData("stream", "maybe")]
    [InlineData("temperature", "7")]
    [InlineData("timestamp_granularities[]", "sentence")]
    public async Task A_bad_field_is_a_400_naming_it(string field, string value)
    {
        using var response = await PostAsync(Clip, (field, value));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value", field);
    }

    [Fact]
    public async Task A_language_the_engine_does_not_serve_is_a_400()
    {
        using var response = await PostAsync(Clip, ("language", "xx"));

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value", "language");
        Assert.Contains("'xx'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepted_fields_that_change_nothing_are_ignored()
    {
        using var plain = await PostAsync(Clip);
        using var extras = await PostAsync(Clip, ("language", "en"), ("prompt", "Mister John Dashwood"), ("temperature", "0.2"),
            ("timestamp_granularities[]", "word"), ("timestamp_granularities[]", "segment"));

        Assert.Equal(HttpStatusCode.OK, extras.StatusCode);
        Assert.NotEmpty(JsonDocument.Parse(await extras.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString()!);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] file, params (string Name, string Value)[] fields) =>
        OpenAITranscriptionClient.PostAsync(server.HttpAddress, file, [("model", ServerFixture.Model), .. fields]);

    /// <summary>Asserts the status and OpenAI's error shape; returns the message.</summary>
    internal static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? param)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.NotEmpty(message);
        return message;
    }
}
