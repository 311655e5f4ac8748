using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>
/// Blocking on the SDK from a UI-like thread: every await in the library must leave the caller's synchronization
/// context (ConfigureAwait(false)), or the continuation waits for the thread that is blocked waiting for it.
/// </summary>
[Collection(RealServer.Name)]
public sealed class SynchronizationContextTests(ServerFixture server)
{
    // Generous: a deadlock never ends, a slow machine does.
    private static readonly TimeSpan s_deadlockGuard = TimeSpan.FromSeconds(120);

    [Fact]
    public void Connect_append_and_finish_complete_when_blocked_on_from_a_single_threaded_context()
    {
        var (pcm, _) = Speech.Clip(2);
        var client = RealServer.Client(server);
        var finished = false;

        var completed = SingleThreadSynchronizationContext.Run(() =>
        {
            var session = client.ConnectAsync(new TranscriptionSessionOptions { Language = "en" }).GetAwaiter().GetResult();
            try
            {
                session.AppendAudioAsync(new MemoryStream(pcm)).GetAwaiter().GetResult();
                session.FinishAsync().GetAwaiter().GetResult();
                finished = session.IsFinished;
            }
            finally
            {
                session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }, s_deadlockGuard, out var failure);

        Assert.True(completed, "Deadlocked: blocking on the client under a single-threaded synchronization context never returned.");
        Assert.Null(failure);
        Assert.True(finished);
    }

    [Fact]
    public void Transcribe_completes_when_enumerated_by_blocking_from_a_single_threaded_context()
    {
        var (pcm, _) = Speech.Clips(1);
        var client = RealServer.Client(server);
        var results = new List<TranscriptionResult>();

        var completed = SingleThreadSynchronizationContext.Run(() =>
        {
            var enumerator = client.TranscribeAsync(new MemoryStream(pcm), new TranscriptionSessionOptions { Language = "en" }).GetAsyncEnumerator();
            try
            {
                while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    results.Add(enumerator.Current);
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }, s_deadlockGuard, out var failure);

        Assert.True(completed, "Deadlocked: blocking on TranscribeAsync under a single-threaded synchronization context never returned.");
        Assert.Null(failure);
        Assert.Contains(results, r => r.Kind == TranscriptionResultKind.Final && r.Event is TranscriptionCompletedEvent);
    }
}
