using System.Net.WebSockets;
using System.Text;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Client input is bounded per connection in bytes (<c>RealtimeAsr:MaxBufferedInputBytes</c>): beyond it the server
/// leaves the socket unread, still notices a client that leaves meanwhile, and then drops its backlog undecoded.
/// </summary>
[Collection(OwnServers.Name)]
public sealed class HardeningInputBudgetTests
{
    private const int Budget = 256 * 1024;
    private const int Appends = 24;
    private const int InputFull = 106;
    private const int ConnectionLost = 108;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    // Two seconds of 16 kHz silence per append: about 87 KB of JSON, 128 KiB of pooled audio buffer in the server.
    private static readonly byte[] Silence = new byte[64 * 1024];

    [Fact]
    public async Task A_stalled_session_stops_reading_at_the_input_budget_and_loses_nothing()
    {
        await using var server = await HardeningServer.StartAsync($"--RealtimeAsr:MaxBufferedInputBytes={Budget}", "--RealtimeAsr:RecognitionWorkers=1");
        await using var client = await server.ConnectAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionCreated);

        Task sending;
        long read;
        using (server.HoldAllWorkers())
        {
            // Server VAD: every append waits for a worker (held), every commit is refused, in order, with its id.
            sending = Task.Run(async () =>
            {
                for (var i = 0; i < Appends; i++)
                {
                    await client.AppendAsync(Silence, $"a{i}");
                    await client.CommitAsync($"c{i}");
                }
            });
            // Two appends fill the budget (each holds a 128 KiB buffer); then the server must stop reading.
            await server.WaitUntilReadAsync(2 * AppendJsonBytes(Silence), Timeout);
            read = await server.WaitUntilReadingStopsAsync(Timeout);
        }

        // Everything read is within the budget but for the message that crossed it (and the handshake, frame headers).
        Assert.InRange(read, 2 * AppendJsonBytes(Silence), Budget + (2 * AppendJsonBytes(Silence)));
        Assert.Contains(server.Logs, e => e.EventId == InputFull);

        // Released, the session consumes its input, reading resumes, and nothing the client sent was lost.
        await sending;
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, Timeout);
        var refused = events.Select(e => e.Event).OfType<ErrorEvent>().Select(e => e.Error).ToList();
        Assert.All(refused, e => Assert.Equal(ErrorCodes.CommitNotAllowed, e.Code));
        Assert.Equal(Enumerable.Range(0, Appends).Select(i => $"c{i}"), refused.Select(e => e.EventId));
        Assert.Empty(server.Errors);
    }

    [Fact]
    public async Task A_client_that_leaves_while_its_input_is_full_is_noticed_and_its_backlog_dropped_undecoded()
    {
        // Keep-alive frames make the server's TCP stack notice the reset connection though nothing reads from it; the
        // keep-alive timeout is off, so this is the connection-lost path, not the unanswered-ping one.
        await using var server = await HardeningServer.StartAsync($"--RealtimeAsr:MaxBufferedInputBytes={Budget}", "--RealtimeAsr:RecognitionWorkers=1",
            "--RealtimeAsr:KeepAliveInterval=00:00:01", "--RealtimeAsr:KeepAliveTimeout=-00:00:00.001");
        var client = await server.ConnectAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionCreated);

        using (server.HoldAllWorkers())
        {
            // More appends than the session's queue holds (64), each holding a 16 KiB buffer: the budget fills after 16.
            var chunk = new byte[8 * 1024];
            var sending = Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    await client.AppendAsync(chunk, $"a{i}");
                }
            });
            await server.WaitUntilReadAsync(16 * AppendJsonBytes(chunk), Timeout);
            await server.WaitUntilReadingStopsAsync(Timeout);
            client.Abort();
            try
            {
                await sending;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Sends still waiting for room fail with the abort.
            }

            // The workers are still held: the session could not have decoded its backlog, so if its connection ends
            // now, the backlog was dropped rather than waited on.
            Assert.True(await server.ConnectionEndedAsync(Timeout), "The departed client's session still waits on its backlog.");
            Assert.Contains(server.Logs, e => e.EventId == InputFull);
            Assert.Contains(server.Logs, e => e.EventId == ConnectionLost);
        }

        await client.DisposeAsync();
        Assert.Empty(server.Errors);
    }

    private static int AppendJsonBytes(byte[] audio) =>
        Encoding.UTF8.GetByteCount($$"""{"event_id":"a00","type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(audio)}}"}""");
}
