using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Random conversations through a real socket: audio in random chunks, bad events, commits and clears, oversized appends
/// (over the protocol's 15 MiB of base64, and over the server's message limit), under a small input budget, each ended
/// one of four ways: finish then an immediate half-close, finish then more events then a half-close, a half-close
/// without finish, or an abort. Whatever happens, every refusal arrives in order with its event id, a finish is answered
/// before the close, and the server ends every connection without an error.
/// </summary>
[Collection(OwnServers.Name)]
public sealed class HardeningFuzzTests(HardeningFuzzTests.FuzzServer fuzz) : IClassFixture<HardeningFuzzTests.FuzzServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private enum Ending
    {
        FinishAndHalfClose,
        FinishMoreEventsAndHalfClose,
        HalfCloseWithoutFinish,
        Abort,
    }

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_conversations_keep_the_connection_invariants(int seed)
    {
        var random = new Random(seed);
        var server = fuzz.Server;
        var manual = random.Next(2) == 0;
        var ending = (Ending)random.Next(4);
        var audio = TestAudio.ToBytes(TestAudio.LibriVoxClips()[seed % 5].Samples);
        var expected = new List<(string Code, string? EventId)>();

        var client = await server.ConnectAsync();
        var receiving = client.ReceiveUntilCloseAsync(Timeout);
        if (manual)
        {
            await client.UpdateAsync("""{"turn_detection":null}""", "f_update");
        }

        var offset = 0;
        var pendingBytes = 0;
        var oversized = false;
        var steps = random.Next(8, 30);
        for (var step = 0; step < steps; step++)
        {
            var id = $"f{step}";
            switch (random.Next(12))
            {
                case < 6:
                    var length = Math.Min(random.Next(0, 4_000) * 2, audio.Length - offset);
                    await client.AppendAsync(audio.AsSpan(offset, length), id);
                    (offset, pendingBytes) = (offset + length, pendingBytes + length);
                    break;
                case 6:
                    await client.SendJsonAsync($$"""{"event_id":"{{id}}","type":"fuzz.unknown"}""");
                    expected.Add((ErrorCodes.InvalidEvent, id));
                    break;
                case 7:
                    await client.SendJsonAsync("{not json");
                    expected.Add((ErrorCodes.InvalidJson, null));
                    break;
                case 8:
                    await client.CommitAsync(id);
                    if (!manual || pendingBytes == 0)
                    {
                        expected.Add((manual ? ErrorCodes.CommitEmpty : ErrorCodes.CommitNotAllowed, id));
                    }

                    pendingBytes = 0;
                    break;
                case 9:
                    await client.SendJsonAsync($$"""{"event_id":"{{id}}","type":"input_audio_buffer.clear"}""");
                    pendingBytes = 0;
                    break;
                case 10 when !oversized:
                    // Over the protocol's limit for one append, within the server's message limit.
                    oversized = true;
                    await client.SendJsonAsync($$"""{"event_id":"{{id}}","type":"input_audio_buffer.append","audio":"{{new string('A', InputAudioBufferAppendEvent.MaxAudioBase64Length + 4)}}"}""");
                    expected.Add((ErrorCodes.AudioTooLarge, id));
                    break;
                case 11 when !oversized:
                    // Over the server's message limit: read to its end and dropped, its event id unread.
                    oversized = true;
                    await client.SendJsonAsync($$"""{"event_id":"{{id}}","type":"input_audio_buffer.append","audio":"{{new string('A', FuzzServer.MaxMessageBytes)}}"}""");
                    expected.Add((ErrorCodes.MessageTooLarge, null));
                    break;
            }
        }

        var afterFinish = new List<string>();
        switch (ending)
        {
            case Ending.FinishAndHalfClose:
                await client.FinishAsync("f_finish");
                await client.CloseOutputAsync();
                break;
            case Ending.FinishMoreEventsAndHalfClose:
                await client.FinishAsync("f_finish");
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    afterFinish.Add($"f_late{i}");
                    await client.CommitAsync(afterFinish[^1]);
                }

                await client.CloseOutputAsync();
                break;
            case Ending.HalfCloseWithoutFinish:
                await client.CloseOutputAsync();
                break;
            case Ending.Abort:
                client.Abort();
                break;
        }

        if (ending == Ending.Abort)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => receiving);
        }
        else
        {
            var events = await receiving;
            Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
            var finished = events.ToList().FindIndex(e => e.Type == EventTypes.SessionFinished);
            var refused = Refusals(finished < 0 ? events : events.Take(finished));
            if (ending == Ending.HalfCloseWithoutFinish)
            {
                // The client left: the session stops wherever it was, but what it said before is right.
                Assert.Equal(-1, finished);
                Assert.Equal(expected.Take(refused.Count), refused);
            }
            else
            {
                Assert.True(finished >= 0, "The finish that preceded the close was not answered.");
                Assert.Equal(expected, refused);
                Assert.Equal(afterFinish.Select(id => (ErrorCodes.SessionFinishing, (string?)id)), Refusals(events.Skip(finished + 1)));
                Assert.Equal(afterFinish.Count, events.Count - finished - 1);
            }
        }

        Assert.True(await server.ConnectionEndedAsync(Timeout), $"Seed {seed}: the server did not end the connection.");
        await client.DisposeAsync();
        Assert.True(await DecodersReturnedAsync(server), $"Seed {seed}: a decoder was not returned.");
        Assert.Empty(server.Errors);
    }

    private static List<(string Code, string? EventId)> Refusals(IEnumerable<RawRealtimeClient.ReceivedEvent> events) =>
        events.Select(e => e.Event).OfType<ErrorEvent>().Select(e => (e.Error.Code, e.Error.EventId)).ToList();

    private static async Task<bool> DecodersReturnedAsync(HardeningServer server)
    {
        for (var i = 0; i < 100 && server.Engine.DecodersInUse > 0; i++)
        {
            await Task.Delay(100);
        }

        return server.Engine.DecodersInUse == 0;
    }

    /// <summary>One server for every seed: a small input budget (appends wait for room), pings every second.</summary>
    public sealed class FuzzServer : IAsyncLifetime
    {
        public const int MaxMessageBytes = 16 * 1024 * 1024;

        public HardeningServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await HardeningServer.StartAsync(
            "--RealtimeAsr:MaxBufferedInputBytes=131072", $"--RealtimeAsr:MaxMessageBytes={MaxMessageBytes}",
            "--RealtimeAsr:KeepAliveInterval=00:00:01", "--RealtimeAsr:KeepAliveTimeout=00:00:10");

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
