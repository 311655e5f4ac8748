using System.Buffers;
using RealtimeAsr.Audio;
using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Cli.Tests.Audio;

/// <summary>
/// The position of sent Ogg Opus bytes, read from the pages alone (the CLI is portable and carries no decoder), checked
/// against the server's own decoder, which is what <c>audio_start_ms</c>/<c>audio_end_ms</c> count on: the timeline is
/// the audio the pages hold, granule position less pre-skip.
/// </summary>
public sealed class OggOpusTimelineTests
{
    private static readonly short[] s_speechLike = Tone(seconds: 3.3);

    [Fact]
    public void After_each_page_the_position_is_what_the_servers_decoder_yields()
    {
        var opus = TestAudio.EncodeOggOpus(s_speechLike);
        using var folder = new TempFolder();
        using var timeline = new OggOpusTimeline(folder.Write("a.opus", opus));
        using var decoder = new OggOpusInputDecoder();
        var decoded = new ArrayBufferWriter<short>();

        var previous = 0;
        foreach (var end in PageEnds(opus))
        {
            decoder.Decode(opus.AsSpan(previous, end - previous), decoded);
            previous = end;
            // Mid-stream the server's 48 → 16 kHz filter still holds back its latency (about 2.5 ms) of that audio.
            var serverMs = decoded.WrittenCount * 1000.0 / 16000;
            Assert.InRange(timeline.MillisecondsAt(end) - serverMs, 0, 3);
        }

        // At the end of the stream the server releases it all: the same length, to the sample.
        Assert.Equal(decoded.WrittenCount * 1000.0 / 16000, timeline.MillisecondsAt(opus.Length), precision: 1);
        Assert.Equal(3300, timeline.MillisecondsAt(opus.Length), precision: 0);
    }

    [Fact]
    public void Bytes_that_are_not_pages_do_not_stop_the_count()
    {
        // Before the fix, the first bytes the decoder refused froze the position for the rest of the file.
        var opus = TestAudio.EncodeOggOpus(s_speechLike);
        var ends = PageEnds(opus);
        var cut = ends[3];
        byte[] junk = [.. "not an Ogg page, OggS in the middle of it"u8, .. new byte[5000]];
        byte[] damaged = [.. opus.AsSpan(0, cut), .. junk, .. opus.AsSpan(cut)];
        using var folder = new TempFolder();
        using var timeline = new OggOpusTimeline(folder.Write("damaged.opus", damaged));

        var beforeJunk = timeline.MillisecondsAt(cut);
        Assert.Equal(beforeJunk, timeline.MillisecondsAt(cut + junk.Length));
        Assert.Equal(3300, timeline.MillisecondsAt(damaged.Length), precision: 0);
    }

    [Fact]
    public void Bytes_sent_in_pieces_that_split_pages_count_whole_pages_only()
    {
        var opus = TestAudio.EncodeOggOpus(s_speechLike);
        using var folder = new TempFolder();
        using var timeline = new OggOpusTimeline(folder.Write("a.opus", opus));

        var last = 0.0;
        for (var sent = 1000; sent < opus.Length + 1000; sent += 1000)
        {
            var ms = timeline.MillisecondsAt(Math.Min(sent, opus.Length));
            Assert.True(ms >= last, $"The position went back from {last} to {ms} ms.");
            last = ms;
        }

        Assert.Equal(3300, last, precision: 0);
    }

    /// <summary>The offset just past each Ogg page.</summary>
    private static List<int> PageEnds(byte[] ogg)
    {
        var ends = new List<int>();
        for (var offset = 0; offset < ogg.Length;)
        {
            var segments = ogg[offset + 26];
            var body = 0;
            for (var i = 0; i < segments; i++)
            {
                body += ogg[offset + 27 + i];
            }

            Assert.Equal("OggS"u8.ToArray(), ogg.AsSpan(offset, 4).ToArray());
            offset += 27 + segments + body;
            ends.Add(offset);
        }

        return ends;
    }

    private static short[] Tone(double seconds)
    {
        var samples = new short[(int)(seconds * 16000)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000) * (1 + Math.Sin(2 * Math.PI * 3 * i / 16000)) / 2);
        }

        return samples;
    }
}
