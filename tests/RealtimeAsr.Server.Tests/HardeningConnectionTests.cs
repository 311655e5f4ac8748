using System.Net.WebSockets;
using System.Text;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>Smaller connection defects: exact message limit, shutdown after <c>session.finished</c>, shutdown under load.</summary>
[Collection(OwnServers.Name)]
public sealed class HardeningConnectionTests
{
    private const int Limit = 100_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task MaxMessageBytes_is_enforced_to_the_byte_whatever_the_framing()
    {
        // 100,000 bytes: the pooled receive buffer that holds it is 131,072 bytes long.
        await using var server = await HardeningServer.StartAsync($"--RealtimeAsr:MaxMessageBytes={Limit}");
        await using var client = await server.ConnectAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionCreated);

        foreach (var frames in new[] { 1, 3 })
        {
            await SendClearAsync(client, Limit, frames);
            var accepted = await client.ReceiveAsync(Timeout);
            Assert.True(accepted.Type == EventTypes.InputAudioBufferCleared, accepted.Json);

            await SendClearAsync(client, Limit + 1, frames);
            var refused = Assert.IsType<ErrorEvent>((await client.ReceiveAsync(Timeout)).Event);
            Assert.Equal(ErrorCodes.MessageTooLarge, refused.Error.Code);
        }

        Assert.Empty(server.Errors);
    }

    [Fact]
    public async Task Shutdown_after_session_finished_sends_nothing_more_than_the_close()
    {
        var server = await HardeningServer.StartAsync("--RealtimeAsr:FinishedCloseTimeout=00:05:00");
        try
        {
            await using var client = await server.ConnectAsync();
            await client.FinishAsync("e_finish");
            await client.ReceiveUntilAsync(EventTypes.SessionFinished, Timeout);

            // The client keeps the socket open after session.finished; then the server stops.
            var stopping = server.DisposeAsync();
            Assert.Empty(await client.ReceiveUntilCloseAsync(Timeout));
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            await stopping;
            Assert.Empty(server.Errors);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Shutdown_while_a_client_streams_finishes_once_and_refuses_only_later_events()
    {
        var server = await HardeningServer.StartAsync();
        try
        {
            await using var client = await server.ConnectAsync();
            var audio = TestAudio.ToBytes([.. TestAudio.Silence(500), .. TestAudio.LibriVoxClips()[1].Samples, .. TestAudio.Silence(20_000)]);
            using var stop = new CancellationTokenSource();
            var streaming = Task.Run(async () =>
            {
                // Appends go on after the server's finish (the receive loop and the shutdown both post to the session).
                for (var offset = 0; offset < audio.Length && !stop.IsCancellationRequested; offset += 3200)
                {
                    await client.AppendAsync(audio.AsSpan(offset, Math.Min(3200, audio.Length - offset)), $"a{offset}");
                }
            });
            var events = (await client.ReceiveUntilAsync(EventTypes.SpeechStarted, Timeout)).ToList();

            var stopping = server.DisposeAsync();
            events.AddRange(await client.ReceiveUntilCloseAsync(Timeout));
            await stop.CancelAsync();
            await streaming;
            await stopping;

            Assert.Single(events, e => e.Type == EventTypes.SessionFinished);
            Assert.Single(events, e => e.Type == EventTypes.TranscriptionCompleted);
            var finished = events.FindIndex(e => e.Type == EventTypes.SessionFinished);
            Assert.All(events.Take(finished), e => Assert.NotEqual(EventTypes.Error, e.Type));
            Assert.All(events.Skip(finished + 1), e =>
            {
                var error = Assert.IsType<ErrorEvent>(e.Event).Error;
                Assert.Equal(ErrorCodes.SessionFinishing, error.Code);
                Assert.NotNull(error.EventId);
            });
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            Assert.Empty(server.Errors);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>An <c>input_audio_buffer.clear</c> padded to exactly <paramref name="bytes"/>, sent in <paramref name="frames"/> frames, the last one empty.</summary>
    private static async Task SendClearAsync(RawRealtimeClient client, int bytes, int frames)
    {
        const string head = "{\"type\":\"input_audio_buffer.clear\",\"pad\":\"";
        const string tail = "\"}";
        var json = Encoding.UTF8.GetBytes(head + new string('x', bytes - head.Length - tail.Length) + tail);
        Assert.Equal(bytes, json.Length);
        if (frames == 1)
        {
            await client.SendTextFrameAsync(json, endOfMessage: true);
            return;
        }

        var part = json.Length / (frames - 1);
        for (var i = 0; i < frames - 1; i++)
        {
            await client.SendTextFrameAsync(json[(i * part)..(i == frames - 2 ? json.Length : (i + 1) * part)], endOfMessage: false);
        }

        await client.SendTextFrameAsync([], endOfMessage: true);
    }
}
