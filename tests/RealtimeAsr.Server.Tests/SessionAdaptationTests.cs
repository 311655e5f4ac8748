using System.Globalization;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>The server with the engine's per-session adaptation off: every utterance starts from the configured mean.</summary>
public sealed class UnadaptedServer() : ServerFixture(
    "--RealtimeAsr:PocketSphinx:AdaptToSession=false", "--RealtimeAsr:PocketSphinx:InitialEstimateMs=0");

/// <summary>The server keeping every word PocketSphinx hears, however unlikely (both confidence thresholds 0).</summary>
public sealed class UnrejectingServer() : ServerFixture(
    "--RealtimeAsr:PocketSphinx:MinWordConfidence=0", "--RealtimeAsr:PocketSphinx:MinUtteranceConfidence=0");

/// <summary>
/// Each session adapts the engine to its own recording level through the real socket: a quiet microphone is heard
/// as well as the stock <c>pocketsphinx_continuous</c> hears it, sessions do not disturb each other, and sounds that
/// are not speech become no words.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class SessionAdaptationTests(ServerFixture server, UnadaptedServer unadapted, UnrejectingServer unrejecting, ITestOutputHelper output)
    : IClassFixture<UnadaptedServer>, IClassFixture<UnrejectingServer>
{
    private const string VadSession = """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":{"type":"server_vad"}}""";
    private const string ManualSession = """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""";

    private static readonly string[] s_quietClips = ["0870", "0880", "0890"];

    private static TestAudio.Clip Clip(string suffix) =>
        TestAudio.LibriVoxClips().Single(clip => clip.Name.EndsWith(suffix, StringComparison.Ordinal));

    private static string Reference(IEnumerable<string> clips) => string.Join(' ', clips.Select(name => Clip(name).Transcript));

    [Fact]
    public async Task Sessions_interleaved_on_the_server_get_the_transcripts_they_get_alone()
    {
        string[] clips = ["0880", "0930"];
        // Each part is a clip and the second of silence after it (the first part also has one before): the server's
        // VAD ends one item per part.
        var normalClips = clips.Select(name => Clip(name).Samples).ToList();
        var quietClips = clips.Select(name => TestSounds.Attenuate24Db(Clip(name).Samples)).ToList();
        var (normal, quiet) = (Parts(normalClips), Parts(quietClips));

        var normalAlone = await TranscribeAsync(server, VadSession, normal, commit: false);
        var quietAlone = await TranscribeAsync(server, VadSession, quiet, commit: false);
        Assert.Equal(clips.Length, normalAlone.Count);
        Assert.Equal(clips.Length, quietAlone.Count);

        // Strictly alternating: each part is sent when the other session's item before it has ended, so consecutive
        // utterances of the two sessions run on the same pooled decoder (the pool lends the last one returned).
        await using (var first = await ConnectAsync(server, VadSession))
        await using (var second = await ConnectAsync(server, VadSession))
        {
            for (var i = 0; i < clips.Length; i++)
            {
                await first.AppendChunkedAsync(TestAudio.ToBytes(normal[i]));
                await ReceiveItemEndAsync(first);
                await second.AppendChunkedAsync(TestAudio.ToBytes(quiet[i]));
                await ReceiveItemEndAsync(second);
            }

            var alternating = await Task.WhenAll(FinishAsync(first), FinishAsync(second));
            Assert.Equal(normalAlone, alternating[0]);
            Assert.Equal(quietAlone, alternating[1]);
        }

        // And both streamed at once, as fast as the sockets take them.
        var concurrent = await Task.WhenAll(
            TranscribeAsync(server, VadSession, normal, commit: false),
            TranscribeAsync(server, VadSession, quiet, commit: false));
        // Control: the quiet clip right after the normal one in the same session, i.e. what a leak between sessions
        // would do. Its transcript must change, or the comparisons above could not tell isolated sessions from shared ones.
        var shared = await TranscribeAsync(server, VadSession, Parts([normalClips[0], quietClips[1]]), commit: false);

        output.WriteLine($"normal: {string.Join(" | ", normalAlone)}\nquiet:  {string.Join(" | ", quietAlone)}\nquiet after normal: {shared[1]}");
        Assert.Equal(normalAlone, concurrent[0]);
        Assert.Equal(quietAlone, concurrent[1]);
        Assert.NotEqual(quietAlone[1], shared[1]);
    }

    [Fact]
    public async Task A_quiet_session_in_VAD_mode_is_heard_about_as_well_as_the_stock_tool_hears_it()
    {
        var audio = TestAudio.Join(s_quietClips.Select(name => TestSounds.Attenuate24Db(Clip(name).Samples)), gapMs: 1000);
        var reference = Reference(s_quietClips);

        var transcripts = await Task.WhenAll(
            TranscribeAsync(server, VadSession, [audio], commit: false),
            TranscribeAsync(unadapted, VadSession, [audio], commit: false),
            Task.Run(() => (IReadOnlyList<string>)[TestSounds.TranscribeWithStockPocketSphinx(audio)]));
        var (adapted, fixedStart, stock) = (string.Join(" | ", transcripts[0]), string.Join(" | ", transcripts[1]), transcripts[2][0]);
        var adaptedWer = WordErrorRate.Compute(reference, adapted);
        var unadaptedWer = WordErrorRate.Compute(reference, fixedStart);
        var stockWer = WordErrorRate.Compute(reference, stock);

        var message = string.Create(CultureInfo.InvariantCulture,
            $"quiet session, WER: adapted {adaptedWer:F3} ({adapted}); without adaptation {unadaptedWer:F3} ({fixedStart}); "
            + $"stock pocketsphinx_continuous {stockWer:F3} ({stock})");
        output.WriteLine(message);
        // 44 words: one is 0.023. Much lower than without adaptation (a fifth of the words), and no more than two
        // words worse than the stock tool, which carries its mean through the file.
        Assert.True(adaptedWer <= unadaptedWer - 0.2, message);
        Assert.True(adaptedWer <= stockWer + (2.0 / 44), message);
    }

    [Fact]
    public async Task A_quiet_session_in_manual_mode_is_heard_better_than_without_adaptation_commit_after_commit()
    {
        // Manual mode: each commit is the session's next utterance, so each clip after the first starts from the
        // level the ones before it left.
        var parts = s_quietClips.Select(name => TestSounds.Attenuate24Db(Clip(name).Samples)).ToList();
        var reference = Reference(s_quietClips);

        var adapted = await TranscribeAsync(server, ManualSession, parts, commit: true);
        var fixedStart = await TranscribeAsync(unadapted, ManualSession, parts, commit: true);
        var adaptedWer = WordErrorRate.Compute(reference, string.Join(' ', adapted));
        var fixedWer = WordErrorRate.Compute(reference, string.Join(' ', fixedStart));

        var message = string.Create(CultureInfo.InvariantCulture,
            $"quiet session, one commit per clip, WER: adapted {adaptedWer:F3} ({string.Join(" | ", adapted)}); "
            + $"without adaptation {fixedWer:F3} ({string.Join(" | ", fixedStart)})");
        output.WriteLine(message);
        Assert.Equal(s_quietClips.Length, adapted.Count);
        Assert.True(adaptedWer <= fixedWer - 0.2, message);
    }

    [Fact]
    public async Task Noise_music_sweeps_and_coughs_become_no_words()
    {
        Dictionary<string, short[]> sounds = new()
        {
            ["white noise"] = TestSounds.Synthesize("synth", "0.6", "whitenoise", "vol", "0.3"),
            ["pink noise"] = TestSounds.Synthesize("synth", "1", "pinknoise", "vol", "0.9"),
            ["square-wave melody"] = [.. new[] { "330", "392", "440", "523", "440", "392" }.SelectMany(note =>
                TestSounds.Synthesize("synth", "0.3", "square", note, "vol", "0.2", "fade", "q", "0.01", "0.3", "0.05"))],
            ["repeated tone"] = TestSounds.Synthesize("synth", "0.3", "square", "330", "vol", "0.2", "pad", "0", "0.2", "repeat", "3"),
            // Rising sweeps with tremolo: the VAD takes them for speech, and PocketSphinx hears a word in each.
            ["sweep 150-400 Hz, 1 s"] = TestSounds.Synthesize("synth", "1", "sine", "150-400", "tremolo", "5", "90", "vol", "0.6"),
            ["sweep 150-400 Hz, 2 s"] = TestSounds.Synthesize("synth", "2", "sine", "150-400", "tremolo", "5", "90", "vol", "0.6"),
            ["sweep 200-600 Hz, 2 s"] = TestSounds.Synthesize("synth", "2", "sine", "200-600", "tremolo", "8", "70", "vol", "0.6"),
            ["coughs"] = [.. Cough(), .. TestAudio.Silence(300), .. Cough()],
        };

        var heard = await Task.WhenAll(sounds.Select(sound => ItemsAsync(server, sound.Key, sound.Value)));
        // Control: with nothing rejected, some of these sounds do become words; so what keeps them out above is the
        // engine's rejection, not only the VAD.
        var unrejected = await Task.WhenAll(sounds.Select(sound => ItemsAsync(unrejecting, sound.Key, sound.Value)));

        foreach (var (sound, opened, failed, words) in heard)
        {
            output.WriteLine($"{sound}: {opened} items, {failed} failed, words: {string.Join(" | ", words)}");
            Assert.True(words.Count == 0, $"{sound}: transcribed as \"{string.Join(" | ", words)}\"");
            Assert.Equal(opened, failed);
        }

        var transcribed = unrejected.Where(result => result.Words.Count > 0).Select(result => $"{result.Sound}: {string.Join(" | ", result.Words)}").ToList();
        output.WriteLine($"with nothing rejected: {string.Join("; ", transcribed)}");
        Assert.NotEmpty(transcribed);

        static short[] Cough() => TestSounds.Synthesize("synth", "0.25", "pinknoise", "fade", "q", "0.01", "0.25", "0.2");
    }

    /// <summary>
    /// <paramref name="sound"/> with a second of silence before and after it, in its own VAD session: the items the
    /// server opened, how many ended in <c>.failed</c>, and the transcripts of those that completed.
    /// </summary>
    private static async Task<(string Sound, int Opened, int Failed, IReadOnlyList<string> Words)> ItemsAsync(ServerFixture target, string name, short[] sound)
    {
        await using var client = await ConnectAsync(target, VadSession);
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.Join([sound], gapMs: 1000)));
        await client.FinishAsync();
        var events = (await client.ReceiveUntilAsync(EventTypes.SessionFinished)).Select(e => e.Event).ToList();
        Assert.DoesNotContain(events, e => e is ErrorEvent);
        return (name, events.OfType<ConversationItemCreatedEvent>().Count(), events.OfType<TranscriptionFailedEvent>().Count(),
            events.OfType<TranscriptionCompletedEvent>().Select(completed => completed.Transcript).ToList());
    }

    /// <summary>
    /// <paramref name="clips"/> as a session's stream in parts: a second of silence, then each clip with the second of
    /// silence after it; sent part by part they make exactly <c>TestAudio.Join(clips, 1000)</c>.
    /// </summary>
    private static List<short[]> Parts(IEnumerable<short[]> clips)
    {
        var gap = TestAudio.Silence(1000);
        var parts = clips.Select(clip => clip.Concat(gap).ToArray()).ToList();
        parts[0] = [.. gap, .. parts[0]];
        return parts;
    }

    private static async Task<RawRealtimeClient> ConnectAsync(ServerFixture target, string session)
    {
        var client = await target.ConnectAsync();
        await client.UpdateAsync(session);
        return client;
    }

    /// <summary>
    /// One session: every part appended (and committed, in Manual mode), then finished; the transcript of each item in
    /// order, "" for an item that ended in <c>.failed</c>.
    /// </summary>
    private static async Task<IReadOnlyList<string>> TranscribeAsync(ServerFixture target, string session, IEnumerable<short[]> parts, bool commit)
    {
        await using var client = await ConnectAsync(target, session);
        foreach (var part in parts)
        {
            await client.AppendChunkedAsync(TestAudio.ToBytes(part));
            if (commit)
            {
                await client.CommitAsync();
            }
        }

        return await FinishAsync(client);
    }

    private static async Task<IReadOnlyList<string>> FinishAsync(RawRealtimeClient client)
    {
        await client.FinishAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        Assert.DoesNotContain(client.Received, e => e.Type == EventTypes.Error);
        return client.Received
            .Where(e => e.Event is TranscriptionCompletedEvent or TranscriptionFailedEvent)
            .Select(e => e.Event is TranscriptionCompletedEvent completed ? completed.Transcript : "")
            .ToList();
    }

    /// <summary>Receives until the next item ends (<c>.completed</c> or <c>.failed</c>).</summary>
    private static async Task ReceiveItemEndAsync(RawRealtimeClient client)
    {
        while ((await client.ReceiveAsync()).Event is not (TranscriptionCompletedEvent or TranscriptionFailedEvent))
        {
        }
    }
}
