using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Graceful shutdown: in-flight utterances are finished and sockets closed cleanly. Uses its own server.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_finishes_in_flight_utterances_and_closes_with_going_away()
    {
        var server = new ServerFixture();
        await server.InitializeAsync();
        try
        {
            await using var client = await server.ConnectAsync();
            await client.AppendChunkedAsync(TestAudio.ToBytes([.. TestAudio.Silence(500), .. TestAudio.LibriVoxClips()[1].Samples]));
            await client.ReceiveUntilAsync(EventTypes.SpeechStarted);

            var stopping = server.DisposeAsync();
            var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);
            Assert.Contains(events, e => e.Type == EventTypes.TranscriptionCompleted);
            Assert.True(await client.WaitForCloseAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            await stopping;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
