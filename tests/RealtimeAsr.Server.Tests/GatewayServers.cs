using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Two real servers: a backend (the embedded engine, standing in for Alibaba Cloud, with a key of its own) and a front
/// whose default engine is <c>qwen-realtime</c> pointed at it, configured by settings alone. The backend can be stopped
/// and started again on the same port.
/// </summary>
public sealed class GatewayServers : IAsyncDisposable
{
    /// <summary>The key the backend accepts; only the front's engine settings hold it.</summary>
    public const string BackendKey = "backend-key-5be1d07c";

    private readonly string[] _backendSettings;
    private readonly int _backendPort;

    private GatewayServers(WebApplication backend, WebApplication front, string[] backendSettings)
    {
        Backend = backend;
        Front = front;
        _backendSettings = backendSettings;
        _backendPort = new Uri(backend.Urls.First()).Port;
    }

    /// <summary>The server standing in for the cloud; <see langword="null"/> while stopped.</summary>
    public WebApplication? Backend { get; private set; }

    /// <summary>The gateway clients connect to (key <see cref="ServerFixture.ApiKey"/>).</summary>
    public WebApplication Front { get; }

    /// <summary>The front's address.</summary>
    public Uri FrontAddress => new(Front.Urls.First());

    /// <summary>
    /// Starts both: the front's engine <c>cloud</c> presents <paramref name="upstreamKey"/> to the backend;
    /// <paramref name="frontSettings"/> and <paramref name="backendSettings"/> are added to each.
    /// </summary>
    public static async Task<GatewayServers> StartAsync(string upstreamKey = BackendKey, string[]? frontSettings = null, string[]? backendSettings = null)
    {
        string[] backendArgs = [$"--RealtimeAsr:ApiKeys:0={BackendKey}", .. backendSettings ?? []];
        var backend = await ConfiguredServer.StartAsync(backendArgs);
        try
        {
            var upstream = $"ws://{new Uri(backend.Urls.First()).Authority}{RealtimeEndpoint.Path}";
            var front = await ConfiguredServer.StartAsync(
            [
                "--RealtimeAsr:Engines:cloud:Type=qwen-realtime",
                $"--RealtimeAsr:Engines:cloud:Url={upstream}",
                $"--RealtimeAsr:Engines:cloud:ApiKey={upstreamKey}",
                "--RealtimeAsr:Engines:cloud:Languages:0=en",
                "--RealtimeAsr:DefaultEngine=cloud",
                .. frontSettings ?? [],
            ]);
            return new GatewayServers(backend, front, backendArgs);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the backend (its live sessions get the server's graceful finish).</summary>
    public async Task StopBackendAsync()
    {
        if (Backend is { } backend)
        {
            Backend = null;
            await backend.StopAsync();
            await backend.DisposeAsync();
        }
    }

    /// <summary>Starts the backend again on the port it had.</summary>
    public async Task RestartBackendAsync() =>
        Backend = await ConfiguredServer.StartAsync([.. _backendSettings, "--urls", $"http://127.0.0.1:{_backendPort}"]);

    /// <summary>Opens a session on the front with <paramref name="key"/>.</summary>
    public Task<RawRealtimeClient> ConnectFrontAsync(string key = ServerFixture.ApiKey) =>
        RawRealtimeClient.ConnectAsync(Front.RealtimeUri(ServerFixture.Model), key);

    /// <summary>Opens a session on the backend directly, with its own key.</summary>
    public Task<RawRealtimeClient> ConnectBackendAsync() =>
        RawRealtimeClient.ConnectAsync(Backend!.RealtimeUri(ServerFixture.Model), BackendKey);

    /// <summary>The id the servers give a key in logs and metrics: the first 4 bytes of its SHA-256, in hex.</summary>
    public static string KeyId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 4);

    /// <summary>
    /// Manual mode: sets it, then appends and commits each of <paramref name="utterances"/>, waiting for its
    /// <c>.completed</c> or <c>.failed</c>, then finishes. Returns every event from <c>session.created</c> to
    /// <c>session.finished</c>.
    /// </summary>
    public static async Task<IReadOnlyList<RawRealtimeClient.ReceivedEvent>> TranscribeManuallyAsync(RawRealtimeClient client, params short[][] utterances)
    {
        List<RawRealtimeClient.ReceivedEvent> events = [.. await client.ReceiveUntilAsync(EventTypes.SessionCreated)];
        await client.UpdateAsync("""{"turn_detection":null,"input_audio_transcription":{"language":"en"}}""");
        events.AddRange(await client.ReceiveUntilAsync(EventTypes.SessionUpdated));
        foreach (var utterance in utterances)
        {
            await client.AppendChunkedAsync(TestAudio.ToBytes(utterance));
            await client.CommitAsync();
            while (events[^1].Type is not (EventTypes.TranscriptionCompleted or EventTypes.TranscriptionFailed))
            {
                events.Add(await client.ReceiveAsync());
            }
        }

        await client.FinishAsync();
        events.AddRange(await client.ReceiveUntilAsync(EventTypes.SessionFinished));
        return events;
    }

    /// <summary>
    /// VAD mode, configured by the <c>session.update</c> the DashScope Python SDK (1.25.3 and later) sends: appends
    /// <paramref name="audio"/>, finishes, returns every event.
    /// </summary>
    public static async Task<IReadOnlyList<RawRealtimeClient.ReceivedEvent>> TranscribeWithVadAsync(RawRealtimeClient client, short[] audio)
    {
        await client.UpdateAsync(
            """{"modalities":["text"],"voice":null,"input_audio_format":"pcm","output_audio_format":"pcm16","input_audio_transcription":{"language":"en","corpus":{"text":"coffee, door"}},"turn_detection":{"type":"server_vad","threshold":0.2,"prefix_padding_ms":300,"silence_duration_ms":800},"sample_rate":16000}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(audio));
        await client.FinishAsync();
        return await client.ReceiveUntilAsync(EventTypes.SessionFinished);
    }

    /// <summary>The items' outcomes in order: the transcript of each <c>.completed</c>, or <c>failed:code</c>.</summary>
    public static IReadOnlyList<string> Outcomes(IEnumerable<RawRealtimeClient.ReceivedEvent> events) =>
        events.Select(e => e.Event switch
        {
            TranscriptionCompletedEvent completed => completed.Transcript,
            TranscriptionFailedEvent failed => "failed:" + failed.Error.Code,
            _ => null,
        }).OfType<string>().ToList();

    public async ValueTask DisposeAsync()
    {
        await Front.DisposeAsync();
        await StopBackendAsync();
    }
}
