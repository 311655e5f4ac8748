using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>Application code that uses the client can be tested with hand-written doubles: no server, no network.</summary>
public sealed class MockingTests
{
    [Fact]
    public async Task A_derived_client_replaces_transcription()
    {
        RealtimeAsrClient client = new FakeClient();

        var texts = new List<string>();
        await foreach (var result in client.TranscribeFileAsync("does-not-exist.wav"))
        {
            texts.Add(result.Text);
        }

        Assert.Equal(["hello world"], texts);
    }

    [Fact]
    public async Task A_derived_session_replaces_the_connection()
    {
        var session = new FakeSession();
        RealtimeAsrClient client = new FakeClient(session);
        Assert.Equal(WebSocketState.None, session.State);

        var transcript = await TranscribeWithSessionAsync(client, new byte[640]);

        Assert.Equal("from the fake", transcript);
        Assert.Equal(["append 640", "finish"], session.Calls);
        Assert.Null(session.SessionId);
    }

    /// <summary>The "application code" under test: it sees only the SDK's types.</summary>
    private static async Task<string> TranscribeWithSessionAsync(RealtimeAsrClient client, byte[] audio)
    {
        await using var session = await client.ConnectAsync();
        await session.AppendAudioAsync(audio);
        await session.FinishAsync();
        var transcript = "";
        await foreach (var serverEvent in session.ReadEventsAsync())
        {
            if (serverEvent is TranscriptionCompletedEvent completed)
            {
                transcript = completed.Transcript;
            }
        }

        return transcript;
    }

    private sealed class FakeClient(RealtimeTranscriptionSession? session = null) : RealtimeAsrClient
    {
        public override Task<RealtimeTranscriptionSession> ConnectAsync(TranscriptionSessionOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(session ?? throw new InvalidOperationException("no session"));

        public override async IAsyncEnumerable<TranscriptionResult> TranscribeFileAsync(
            string path,
            TranscriptionSessionOptions? options = null,
            AudioStreamingOptions? streaming = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new TranscriptionResult(TranscriptionResultKind.Final, "item_1") { Text = "hello world" };
        }
    }

    private sealed class FakeSession : RealtimeTranscriptionSession
    {
        public List<string> Calls { get; } = [];

        public override Task AppendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
        {
            Calls.Add($"append {audio.Length}");
            return Task.CompletedTask;
        }

        public override Task FinishAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            Calls.Add("finish");
            return Task.CompletedTask;
        }

        public override async IAsyncEnumerable<ServerEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new TranscriptionCompletedEvent { ItemId = "item_1", Transcript = "from the fake" };
            yield return new SessionFinishedEvent();
        }
    }
}
