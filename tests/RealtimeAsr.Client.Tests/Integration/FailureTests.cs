using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>Refused keys, rejected settings and cancellation against the real server.</summary>
[Collection(RealServer.Name)]
public sealed class FailureTests(ServerFixture server)
{
    [Fact]
    public async Task A_wrong_key_raises_the_typed_401_exception()
    {
        var exception = await Assert.ThrowsAsync<RealtimeAsrHandshakeException>(() => RealServer.Client(server, apiKey: "wrong-key").ConnectAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(exception.ResponseBody));
        Assert.Contains("401", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_raises_the_typed_404_exception()
    {
        var client = new RealtimeAsrClient(new RealtimeAsrClientOptions { Endpoint = server.RealtimeEndpoint, ApiKey = ServerFixture.ApiKey, Model = "no-such-model" });

        var exception = await Assert.ThrowsAsync<RealtimeAsrHandshakeException>(() => client.ConnectAsync());

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    [Fact]
    public async Task A_rejected_setting_raises_the_error_with_its_param()
    {
        var exception = await Assert.ThrowsAsync<RealtimeAsrErrorException>(
            () => RealServer.Client(server).ConnectAsync(new TranscriptionSessionOptions { SampleRate = 44100 }));

        Assert.Equal("session.sample_rate", exception.Param);
        Assert.Equal("invalid_value", exception.Code);
        Assert.NotNull(exception.ClientEventId);
    }

    [Fact]
    public async Task Cancelling_mid_stream_closes_the_socket_and_the_server_frees_the_session()
    {
        var (pcm, _) = Speech.Clips(3);
        var engine = server.Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var decodersAtFirstPartial = -1;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            var streaming = new AudioStreamingOptions { PaceInRealTime = true };
            await foreach (var result in RealServer.Client(server).TranscribeAsync(new MemoryStream(pcm), streaming: streaming, cancellationToken: cancel.Token))
            {
                if (result.Kind == TranscriptionResultKind.Partial && decodersAtFirstPartial < 0)
                {
                    decodersAtFirstPartial = engine.DecodersInUse;
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.True(decodersAtFirstPartial > 0, "no decoder was busy while speech was being recognised");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (engine.DecodersInUse > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, engine.DecodersInUse);
    }

    [Fact]
    public async Task Cancelling_an_append_leaves_a_session_that_closes_cleanly()
    {
        var (pcm, _) = Speech.Clips(2);
        var session = await RealServer.Client(server).ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => session.AppendAudioAsync(new MemoryStream(pcm), new AudioStreamingOptions { PaceInRealTime = true }, cancel.Token));

        Assert.Equal(WebSocketState.Open, session.State);
        await session.DisposeAsync();
        Assert.Equal(WebSocketState.Closed, session.State);
    }
}
