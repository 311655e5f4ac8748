using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// Giving a decoder back is cheap: a discarded utterance's final pass is not run where it is discarded (a session loop)
/// but by the next utterance on that decoder, on its worker, or the decoder is freed; an abandoned utterance leaves its
/// session as it was, so its audio decodes again exactly; and how audio is split never changes the transcript.
/// </summary>
public sealed class PocketSphinxDiscardTests
{
    private static readonly RecognitionRejection s_rejection = new(0.01, 0.1);

    private static TestAudio.Clip Clip(string suffix) =>
        TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith(suffix, StringComparison.Ordinal));

    private static DecoderPool<PocketSphinxDecoder> NewPool()
    {
        var options = new PocketSphinxOptions();
        var arguments = PocketSphinxRecognizer.BuildArguments(options);
        var mean = PocketSphinxRecognizer.ParseCepstralMean(options);
        return new DecoderPool<PocketSphinxDecoder>(new DecoderPoolSize(1, 0, 1), () => PocketSphinxDecoder.Create(arguments, mean), static () => 0);
    }

    private static async Task<(PocketSphinxDecoder Native, PocketSphinxUtteranceDecoder Utterance)> StartAsync(DecoderPool<PocketSphinxDecoder> pool)
    {
        var native = await pool.RentAsync(CancellationToken.None);
        return (native, new PocketSphinxUtteranceDecoder(pool, native, native.InitialState, estimateFrames: 0, s_rejection, adapted: null));
    }

    [Fact]
    public async Task A_discarded_utterance_is_ended_by_the_next_utterance_on_its_decoder_which_decodes_as_a_fresh_one()
    {
        var target = Clip("0930").Samples;
        using var pool = NewPool();
        var (native, discarded) = await StartAsync(pool);
        Streaming.Accept(discarded, Clip("0880").Samples.AsSpan(0, 2 * RecognitionAudio.SampleRate), Streaming.SamplesPer100Ms);

        discarded.Dispose();

        // No final pass where the utterance was discarded: the decoder went back with its utterance open.
        Assert.True(native.InUtterance);
        Assert.Equal(1, pool.Created);

        var (reused, next) = await StartAsync(pool);
        Assert.Same(native, reused);
        var afterDiscard = Streaming.Decode(next, target, Streaming.SamplesPer100Ms);
        next.Dispose();

        using var freshPool = NewPool();
        var (_, fresh) = await StartAsync(freshPool);
        var onFresh = Streaming.Decode(fresh, target, Streaming.SamplesPer100Ms);
        fresh.Dispose();
        Assert.Equal(onFresh, afterDiscard);
        Assert.NotEqual("", onFresh);
    }

    [Fact]
    public async Task A_decoder_discarded_with_a_long_utterance_is_freed_instead_of_ended()
    {
        using var pool = NewPool();
        var (native, discarded) = await StartAsync(pool);
        var audio = TestAudio.LibriVoxClips().SelectMany(clip => clip.Samples).Take(PocketSphinxUtteranceDecoder.MaxDeferredEndSamples + RecognitionAudio.SampleRate).ToArray();
        Streaming.Accept(discarded, audio, RecognitionAudio.SampleRate);

        discarded.Dispose();

        Assert.Equal(0, pool.Created);
        Assert.Equal(0, pool.Lent);
    }

    [Fact]
    public async Task A_decoder_given_back_before_any_audio_was_never_started()
    {
        using var pool = NewPool();
        var (native, unused) = await StartAsync(pool);

        unused.Dispose();

        Assert.False(native.InUtterance);
        Assert.Equal(1, pool.Created);
    }

    [Fact]
    public async Task An_abandoned_utterance_leaves_its_session_as_it_was()
    {
        var first = Clip("0880").Samples;
        var second = Clip("0890").Samples;
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });

        using var reference = recognizer.CreateSession();
        string[] expected = [await DecodeAsync(reference, first, Streaming.SamplesPer100Ms), await DecodeAsync(reference, second, Streaming.SamplesPer100Ms)];

        // A session that gave its decoder back half way into its first utterance and then replayed the audio.
        using var session = recognizer.CreateSession();
        using (var abandoned = await session.StartUtteranceAsync(new RecognitionOptions(), CancellationToken.None))
        {
            Streaming.Accept(abandoned, first.AsSpan(0, first.Length / 2), Streaming.SamplesPer100Ms);
            abandoned.Abandon();
        }

        string[] replayed = [await DecodeAsync(session, first, RecognitionAudio.SampleRate), await DecodeAsync(session, second, Streaming.SamplesPer100Ms)];

        Assert.Equal(expected, replayed);
    }

    [Fact]
    public async Task The_same_audio_gives_the_same_transcript_however_it_is_split()
    {
        // A session's first utterance: the one with the level measurement, which restarts the decoder part way.
        var audio = Clip("0890").Samples;
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1 });
        List<string> transcripts = [];
        foreach (var chunk in new[] { Streaming.SamplesPer100Ms, RecognitionAudio.SampleRate, 7777, 333, audio.Length })
        {
            using var session = recognizer.CreateSession();
            transcripts.Add(await DecodeAsync(session, audio, chunk));
        }

        Assert.NotEqual("", transcripts[0]);
        Assert.All(transcripts, transcript => Assert.Equal(transcripts[0], transcript));
    }

    private static async Task<string> DecodeAsync(IRecognitionSession session, short[] audio, int chunkSamples)
    {
        using var decoder = await session.StartUtteranceAsync(new RecognitionOptions(), CancellationToken.None);
        return Streaming.Decode(decoder, audio, chunkSamples);
    }
}
