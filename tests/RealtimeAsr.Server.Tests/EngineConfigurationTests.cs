using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Engines as configured instances (<c>RealtimeAsr:Engines:&lt;name&gt;:Type</c>, <c>RealtimeAsr:Models:&lt;model&gt;</c>):
/// start-up errors that name the setting and the fix, optional engines refused at the handshake, several instances side
/// by side. Each test runs its own server.
/// </summary>
public sealed class EngineConfigurationTests
{
    [Theory]
    [InlineData("nope", "RealtimeAsr:Engines:mine:Type 'nope' is unknown; one of: pocketsphinx, whisper, openai, qwen-realtime.")]
    [InlineData("", "RealtimeAsr:Engines:mine:Type is missing; one of: pocketsphinx, whisper, openai, qwen-realtime.")]
    public async Task An_unknown_engine_type_fails_start_up_naming_the_setting(string type, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync($"--RealtimeAsr:Engines:mine:Type={type}"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_mapped_to_an_engine_that_is_not_configured_fails_start_up()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync("--RealtimeAsr:Models:my-model=missing"));

        Assert.Equal("RealtimeAsr:Models:my-model names engine 'missing', which is not configured. Engines: pocketsphinx.", error.Message);
    }

    [Fact]
    public async Task A_required_engine_that_cannot_load_fails_start_up_naming_the_engine_and_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-acoustic-model-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:broken:Type=pocketsphinx", $"--RealtimeAsr:Engines:broken:AcousticModelDirectory={missing}"));

        Assert.StartsWith("engine 'broken' (pocketsphinx): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_models_of_an_optional_engine_that_cannot_start_are_refused_at_the_handshake_and_the_others_served()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-acoustic-model-" + Guid.NewGuid().ToString("N"));
        await using var app = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:broken:Type=pocketsphinx", "--RealtimeAsr:Engines:broken:Optional=true",
            $"--RealtimeAsr:Engines:broken:AcousticModelDirectory={missing}", "--RealtimeAsr:Models:broken-model=broken");

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, RealtimeEndpoint.Path + "?model=broken-model");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("EngineUnavailable", body.RootElement.GetProperty("code").GetString());
        var message = body.RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("Model 'broken-model' is served by engine 'broken', which could not start: engine 'broken' (pocketsphinx): ", message, StringComparison.Ordinal);
        Assert.Contains(missing, message, StringComparison.Ordinal);

        await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        Assert.Equal(EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
    }

    [Fact]
    public async Task A_configured_instance_serves_its_model_under_its_own_name()
    {
        await using var app = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:english:Type=pocketsphinx", "--RealtimeAsr:Engines:english:MaxDecoders=1",
            "--RealtimeAsr:Models:english-model=english");

        await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri("english-model"), ServerFixture.ApiKey);
        Assert.Equal(EventTypes.SessionCreated, (await client.ReceiveAsync()).Type);
        await client.UpdateAsync("""{"input_audio_transcription":{"language":"zh"}}""");

        var error = await client.ReceiveAsync();
        Assert.Equal(EventTypes.Error, error.Type);
        Assert.StartsWith("Invalid value: 'zh'. The 'english' engine of model 'english-model' supports: 'en'.",
            error.Root.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
