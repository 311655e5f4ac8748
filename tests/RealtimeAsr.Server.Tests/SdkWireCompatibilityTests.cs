using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>What the official DashScope SDKs and raw samples actually put on the wire (protocol §3.1, §9).</summary>
[Collection(SharedServer.Name)]
public sealed class SdkWireCompatibilityTests(ServerFixture server)
{
    public static TheoryData<string, string, bool> SessionUpdates => new()
    {
        // Python SDK >= 1.25.3 with transcription_params.
        {
            """{"modalities":["text"],"voice":null,"input_audio_format":"pcm","output_audio_format":"pcm16","input_audio_transcription":{"language":"en","corpus":{"text":"coffee, door"}},"turn_detection":{"type":"server_vad","threshold":0.2,"prefix_padding_ms":300,"silence_duration_ms":800},"sample_rate":16000}""",
            "en", true
        },
        // Python SDK without transcription_params: pcm16, model null, no sample_rate.
        { """{"modalities":["text"],"voice":null,"input_audio_format":"pcm16","output_audio_format":"pcm16","input_audio_transcription":{"model":null},"turn_detection":{"type":"server_vad","threshold":0.2,"prefix_padding_ms":300,"silence_duration_ms":800}}""", "", true },
        // Python SDK 1.24.8 - 1.25.1: language and corpus at the session top level.
        { """{"modalities":["text"],"input_audio_format":"pcm","language":"en","corpus":{"text":"coffee"},"turn_detection":null,"sample_rate":16000}""", "en", false },
        // Java SDK (Gson, serializeNulls, pcm24 output, random key order).
        { """{"sample_rate":16000,"turn_detection":{"silence_duration_ms":400,"prefix_padding_ms":300,"threshold":0.0,"type":"server_vad"},"input_audio_transcription":{"model":null,"language":"en","corpus":{"text":"coffee"}},"output_audio_format":"pcm24","input_audio_format":"pcm","modalities":["text"]}""", "en", true },
        // Raw samples, Manual mode.
        { """{"modalities":["text"],"input_audio_format":"pcm","sample_rate":16000,"input_audio_transcription":{"language":"en","corpus":{"text":"Bulge Bracket, Boutique, Middle Market"}},"turn_detection":null}""", "en", false },
    };

    [Theory]
    [MemberData(nameof(SessionUpdates))]
    public async Task Sdk_session_updates_are_accepted_and_echoed(string session, string language, bool serverVad)
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync(session, "event_3f0c0000000000000000000000000000");
        var events = await client.ReceiveUntilAsync(EventTypes.SessionUpdated);

        Assert.Equal([EventTypes.SessionCreated, EventTypes.SessionUpdated], events.Select(e => e.Type));
        var echoed = ((SessionUpdatedEvent)events[1].Event).Session;
        Assert.Equal("pcm", echoed.InputAudioFormat);
        Assert.Equal(16000, echoed.SampleRate);
        Assert.Equal(language, echoed.InputAudioTranscription?.Language ?? "");
        Assert.Equal(serverVad, echoed.TurnDetection is not null);
        // turn_detection is always written: null in Manual mode, not missing.
        Assert.True(events[1].Root.GetProperty("session").TryGetProperty("turn_detection", out _));
    }

    [Fact]
    public async Task Session_created_comes_first_with_a_string_id_and_the_documented_defaults()
    {
        await using var client = await server.ConnectAsync();
        var created = await client.ReceiveAsync();

        Assert.Equal(EventTypes.SessionCreated, created.Type);
        var session = created.Root.GetProperty("session");
        Assert.StartsWith("sess_", session.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("realtime.session", session.GetProperty("object").GetString());
        Assert.Equal(ServerFixture.Model, session.GetProperty("model").GetString());
        Assert.Equal("pcm", session.GetProperty("input_audio_format").GetString());
        Assert.Equal(0.2, session.GetProperty("turn_detection").GetProperty("threshold").GetDouble());
        Assert.Equal(800, session.GetProperty("turn_detection").GetProperty("silence_duration_ms").GetInt32());
        Assert.Equal("server_vad", session.GetProperty("turn_detection").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Events_sent_before_session_created_is_read_are_handled_in_order()
    {
        // The Python SDK's connect() returns when the socket opens; update_session and audio follow at once.
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));
        await client.CommitAsync();
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        Assert.Equal(EventTypes.SessionCreated, events[0].Type);
        Assert.Equal(EventTypes.SessionUpdated, events[1].Type);
        Assert.Single(EventSequenceAssert.Utterances(events, serverVad: false));
    }

    [Fact]
    public async Task A_plain_close_mid_utterance_drops_it_quietly_and_frees_the_decoder()
    {
        var client = await server.ConnectAsync();
        // Speech with no pause at the end: the utterance is in progress (holding a decoder) when the client leaves.
        await client.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. TestAudio.LibriVoxClips()[0].Samples]));
        await client.ReceiveUntilAsync(EventTypes.SpeechStarted);
        await client.CloseAsync();
        await client.DisposeAsync();

        Assert.True(await DirectEngine.AllDecodersReturnedAsync(server, TimeSpan.FromSeconds(30)), "a decoder is still lent");

        // The server goes on serving.
        await using var next = await server.ConnectAsync();
        await next.FinishAsync();
        Assert.Equal(EventTypes.SessionFinished, (await next.ReceiveUntilAsync(EventTypes.SessionFinished))[^1].Type);
    }

    [Fact]
    public async Task Raw_sample_flow_with_OpenAI_Beta_header_ends_with_a_server_close_if_the_client_stays()
    {
        await using var client = await RawRealtimeClient.ConnectAsync(server.RealtimeUri(), ServerFixture.ApiKey,
            o => o.SetRequestHeader("OpenAI-Beta", "realtime=v1"));
        await client.FinishAsync("event_987");
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        // The client never closes: the server does, with a normal closure, after its grace period.
        Assert.True(await client.WaitForCloseAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task Server_events_carry_exactly_the_documented_fields()
    {
        await using var client = await server.ConnectAsync();
        await client.AppendChunkedAsync(TestAudio.ToBytes(SpeechSamples.LibriVoxRecording().AsSpan(0, 16000 * 5)));
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        string[] Fields(string type) => events.First(e => e.Type == type).Root.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["audio_start_ms", "event_id", "item_id", "type"], Fields(EventTypes.SpeechStarted));
        Assert.Equal(["audio_end_ms", "event_id", "item_id", "type"], Fields(EventTypes.SpeechStopped));
        Assert.Equal(["event_id", "item_id", "previous_item_id", "type"], Fields(EventTypes.InputAudioBufferCommitted));
        Assert.Equal(["event_id", "item", "previous_item_id", "type"], Fields(EventTypes.ConversationItemCreated));
        Assert.Equal(["content_index", "emotion", "event_id", "item_id", "language", "stash", "text", "type"], Fields(EventTypes.TranscriptionText));
        Assert.Equal(["content_index", "emotion", "event_id", "item_id", "language", "transcript", "type"], Fields(EventTypes.TranscriptionCompleted));
        Assert.Equal(["event_id", "type"], Fields(EventTypes.SessionFinished));
        var first = events.First(e => e.Type == EventTypes.InputAudioBufferCommitted).Root;
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous_item_id").ValueKind);
    }
}
