using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Shutdown never frees the engine under a session that is still inside it: the host waits for every session to leave
/// its native calls, even past its own shutdown timeout, before it disposes the engine, the VAD model and the workers.
/// </summary>
[Collection(SessionHardeningTests.Name)]
public sealed class SessionShutdownHardeningTests
{
    [Fact]
    public async Task The_engine_is_disposed_only_after_the_last_session_left_it()
    {
        // A one-second grace period: the host gives up on graceful stops long before the engine call below returns.
        var server = await SessionHardeningServer.StartAsync(["--RealtimeAsr:PocketSphinx:MaxDecoders=1"], shutdownTimeout: TimeSpan.FromSeconds(1));
        using var gate = new ManualResetEventSlim();
        server.Engine.Gate = gate;
        var client = await server.ConnectAsync();
        try
        {
            await client.UpdateAsync("""{"turn_detection":null}""");
            await client.AppendAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));
            // A session is now inside the engine (a long native call, as far as the host can tell).
            Assert.True(await Eventually.HoldsAsync(() => server.Engine.InCall == 1), "no session entered the engine");

            var stopping = server.StopAsync();
            // Well past the host's shutdown timeout, the session is still inside: the engine must still be there.
            await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(4)));
            Assert.False(server.Engine.Disposal.Disposed, "the engine was disposed under a running session");

            gate.Set();
            await stopping.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal((true, false), server.Engine.Disposal);
        }
        finally
        {
            gate.Set();
            client.Abort();
            await client.DisposeAsync();
            await server.DisposeAsync();
        }
    }
}
