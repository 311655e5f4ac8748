using System.Net.WebSockets;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A client that stops reading (<c>RealtimeAsr:SendTimeout</c>) or stops answering pings (<c>RealtimeAsr:KeepAliveTimeout</c>)
/// is aborted, its session dropped and its decoder returned, quietly: no unhandled exception, no error logged.
/// </summary>
[Collection(OwnServers.Name)]
public sealed class HardeningTimeoutTests
{
    private const int SendTimedOut = 107;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_that_stops_reading_is_aborted_after_the_send_timeout()
    {
        // No pings: only the send timeout can end this connection.
        await using var server = await HardeningServer.StartAsync("--RealtimeAsr:SendTimeout=00:00:01", "--RealtimeAsr:KeepAliveInterval=00:00:00");
        await using var client = await server.ConnectAsync();
        await FloodWithEventsItDoesNotReadAsync(client);

        Assert.True(await server.ConnectionEndedAsync(Timeout), "The server still waits on a client that does not read.");
        Assert.Contains(server.Logs, e => e.EventId == SendTimedOut);
        Assert.Empty(server.Errors);

        // Reading at last, the client finds the connection gone without a close frame.
        await Assert.ThrowsAsync<WebSocketException>(() => client.ReceiveUntilCloseAsync(Timeout));
        Assert.Null(client.CloseStatus);
    }

    [Fact]
    public async Task A_client_that_answers_no_ping_is_aborted_after_the_keep_alive_timeout_and_its_decoder_returned()
    {
        await using var server = await HardeningServer.StartAsync("--RealtimeAsr:KeepAliveInterval=00:00:01", "--RealtimeAsr:KeepAliveTimeout=00:00:01");
        await using var client = await server.ConnectAsync();
        // Manual mode: the utterance holds a decoder until a commit that never comes. The client now neither sends nor
        // reads, so it answers no ping, as if its machine had vanished without closing the connection.
        await client.UpdateAsync("""{"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.LibriVoxClips()[1].Samples));

        Assert.True(await server.ConnectionEndedAsync(Timeout), "The server still holds the session of a client that answers no ping.");
        Assert.Equal(0, server.Engine.DecodersInUse);
        Assert.Empty(server.Errors);
    }

    [Fact]
    public async Task A_socket_aborted_under_a_pending_send_ends_the_session_without_an_error()
    {
        // The keep-alive timeout aborts the socket while the send loop waits on a client that does not read: the send
        // fails with OperationCanceledException, which must end the session like any other lost connection.
        await using var server = await HardeningServer.StartAsync("--RealtimeAsr:SendTimeout=-00:00:00.001",
            "--RealtimeAsr:KeepAliveInterval=00:00:01", "--RealtimeAsr:KeepAliveTimeout=00:00:01");
        await using var client = await server.ConnectAsync();
        await FloodWithEventsItDoesNotReadAsync(client);

        Assert.True(await server.ConnectionEndedAsync(Timeout), "The server still waits on a client that does not read.");
        Assert.Empty(server.Errors);
    }

    /// <summary>
    /// Sends session updates whose corpus (echoed in every <c>session.updated</c>, about 80 KB) adds up to more events
    /// than the socket buffers hold, and reads none of them.
    /// </summary>
    private static async Task FloodWithEventsItDoesNotReadAsync(RawRealtimeClient client)
    {
        var corpus = string.Join(' ', Enumerable.Repeat("wordyword", 8_000));
        var update = """{"type":"session.update","session":{"input_audio_transcription":{"corpus":{"text":""" + $"\"{corpus}\"" + "}}}}";
        for (var i = 0; i < 150; i++)
        {
            await client.SendJsonAsync(update);
        }
    }
}
