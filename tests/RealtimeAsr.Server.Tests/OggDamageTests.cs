using System.Buffers.Binary;
using System.Net.WebSockets;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A damaged Ogg Opus stream costs the session only the damaged part: one <c>invalid_audio</c> error for the append
/// that held it, and the speech after it is transcribed from the same stream (no new stream needed).
/// </summary>
[Collection(SharedServer.Name)]
public sealed class OggDamageTests(ServerFixture server, ITestOutputHelper output)
{
    private const int ChunkBytes = 2000;

    [Fact]
    public async Task A_corrupt_page_gets_one_invalid_audio_error_and_later_speech_is_still_transcribed()
    {
        var clips = TestAudio.LibriVoxClips();
        var first = clips[4].Samples;
        var ogg = TestAudio.EncodeOggOpus(TestAudio.Join([first, clips[1].Samples, TestAudio.Silence(1000)], gapMs: 2000));

        // Damage the body of a page in the middle of the first clip, near its end: the append that completes the
        // page is the one that holds the damaged byte.
        var damaged = Pages(ogg).First(p => p.Granule48k / 3 >= first.Length / 2);
        output.WriteLine($"{ogg.Length} bytes; damaged page at {damaged.Offset}, {damaged.Length} bytes, ends at {damaged.Granule48k / 48} ms");
        Assert.True(damaged.Granule48k / 3 < first.Length, "the damaged page is within the first clip");
        var at = damaged.Offset + damaged.Length - 3;
        ogg[at] ^= 0x5A;

        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"input_audio_format":"opus"}""");
        for (var offset = 0; offset < ogg.Length; offset += ChunkBytes)
        {
            await client.AppendAsync(ogg.AsSpan(offset, Math.Min(ChunkBytes, ogg.Length - offset)), $"e_chunk_{offset / ChunkBytes}");
        }

        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, TimeSpan.FromMinutes(2));

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>()).Error;
        Assert.Equal(ErrorTypes.InvalidRequest, error.Type);
        Assert.Equal(ErrorCodes.InvalidAudio, error.Code);
        Assert.Equal("audio", error.Param);
        Assert.Equal($"e_chunk_{at / ChunkBytes}", error.EventId);
        Assert.Contains($"byte {damaged.Offset}", error.Message, StringComparison.Ordinal);

        var transcripts = events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().Select(c => c.Transcript).ToList();
        output.WriteLine(string.Join("\n", transcripts));
        Assert.Contains("young man", transcripts[^1], StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    /// <summary>The pages of an undamaged stream: where each is, its length, and its granule position (48 kHz).</summary>
    private static List<(int Offset, int Length, long Granule48k)> Pages(byte[] ogg)
    {
        var pages = new List<(int, int, long)>();
        for (var offset = 0; offset < ogg.Length;)
        {
            var segments = ogg[offset + 26];
            var length = 27 + segments + ogg.AsSpan(offset + 27, segments).ToArray().Sum(b => b);
            pages.Add((offset, length, BinaryPrimitives.ReadInt64LittleEndian(ogg.AsSpan(offset + 6))));
            offset += length;
        }

        return pages;
    }
}
