using System.Globalization;
using System.Text;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Benchmarks.Audio;

/// <summary>
/// The five LibriVox clips and the session scripts built from them. Sessions may start at a different clip (rotation) so
/// that concurrent sessions do not all end their utterances at the same moment.
/// </summary>
internal sealed class BenchmarkClips
{
    public const int SampleRate = 16000;

    /// <summary>Samples per append: 100 ms, as the official samples send.</summary>
    public const int ChunkSamples = SampleRate / 10;

    /// <summary>Silence around each clip in a VAD session: longer than the default 800 ms, so each clip is one utterance.</summary>
    public const int VadGapMs = 1000;

    /// <summary>Silence before and after each clip in a Manual session: 1 s around each clip, as in VAD mode.</summary>
    public const int ManualPaddingMs = 500;

    private readonly Dictionary<(bool ServerVad, int Rotation, int Count), SessionScript> _scripts = [];
    private readonly int _silenceDurationMs;

    public BenchmarkClips(int silenceDurationMs)
    {
        _silenceDurationMs = silenceDurationMs;
        Clips = TestAudio.LibriVoxClips();
    }

    public IReadOnlyList<TestAudio.Clip> Clips { get; }

    /// <summary>Seconds of speech in all clips.</summary>
    public double SpeechSeconds => Clips.Sum(c => c.Samples.Length) / (double)SampleRate;

    /// <summary>
    /// The script for a VAD or Manual session: <paramref name="clipCount"/> clips (default all) starting at clip
    /// <paramref name="rotation"/>, wrapping around.
    /// </summary>
    public SessionScript Script(bool serverVad, int rotation = 0, int? clipCount = null)
    {
        rotation %= Clips.Count;
        var count = Math.Clamp(clipCount ?? Clips.Count, 1, Clips.Count);
        if (!_scripts.TryGetValue((serverVad, rotation, count), out var script))
        {
            var order = Enumerable.Range(0, count).Select(i => (i + rotation) % Clips.Count).ToArray();
            script = serverVad ? BuildVad(order) : BuildManual(order);
            _scripts[(serverVad, rotation, count)] = script;
        }

        return script;
    }

    /// <summary>One continuous stream: gap, clip, gap, clip, ..., gap, chunked every 100 ms regardless of clip edges.</summary>
    private SessionScript BuildVad(int[] order)
    {
        var gap = TestAudio.Silence(VadGapMs, SampleRate);
        var stream = new List<short>(gap);
        var spans = new List<(int Clip, long Start, long End)>();
        foreach (var clip in order)
        {
            spans.Add((clip, stream.Count, stream.Count + Clips[clip].Samples.Length));
            stream.AddRange(Clips[clip].Samples);
            stream.AddRange(gap);
        }

        var samples = stream.ToArray();
        var steps = new List<ScriptStep>();
        for (var offset = 0; offset < samples.Length; offset += ChunkSamples)
        {
            var chunk = samples.AsSpan(offset, Math.Min(ChunkSamples, samples.Length - offset));
            steps.Add(new ScriptStep(ScriptStepKind.Append, AppendFrame(chunk, steps.Count), offset + chunk.Length));
        }

        var utterances = new List<ScriptUtterance>();
        for (var i = 0; i < spans.Count; i++)
        {
            var (clip, start, end) = spans[i];
            var nextStart = i + 1 < spans.Count ? spans[i + 1].Start : samples.Length;
            var endStep = steps.FindIndex(s => s.EndSample >= end);
            var lastStep = steps.FindLastIndex(s => s.EndSample <= nextStart);
            utterances.Add(new ScriptUtterance(clip, start, end, endStep, lastStep));
        }

        steps.Add(new ScriptStep(ScriptStepKind.Finish, Frame("""{"event_id":"event_bench_finish","type":"session.finish"}"""), samples.Length));
        var silenceMs = _silenceDurationMs.ToString(CultureInfo.InvariantCulture);
        var update = Frame("""
            {"event_id":"event_bench_update","type":"session.update","session":{"input_audio_format":"pcm","sample_rate":16000,
            "input_audio_transcription":{"language":"en"},"turn_detection":{"type":"server_vad","threshold":0.2,"silence_duration_ms":
            """ + silenceMs + "}}}");
        return new SessionScript("vad", serverVad: true, update, steps, utterances, SpeechOf(order));
    }

    /// <summary>One utterance per clip: padding, clip, padding, each chunked from its own start, then a commit.</summary>
    private SessionScript BuildManual(int[] order)
    {
        var padding = TestAudio.Silence(ManualPaddingMs, SampleRate);
        var steps = new List<ScriptStep>();
        var utterances = new List<ScriptUtterance>();
        long clock = 0;
        foreach (var clip in order)
        {
            short[] samples = [.. padding, .. Clips[clip].Samples, .. padding];
            var start = clock + padding.Length;
            for (var offset = 0; offset < samples.Length; offset += ChunkSamples)
            {
                var chunk = samples.AsSpan(offset, Math.Min(ChunkSamples, samples.Length - offset));
                clock += chunk.Length;
                steps.Add(new ScriptStep(ScriptStepKind.Append, AppendFrame(chunk, steps.Count), clock));
            }

            steps.Add(new ScriptStep(ScriptStepKind.Commit, Frame($$"""{"event_id":"event_bench_commit_{{steps.Count}}","type":"input_audio_buffer.commit"}"""), clock));
            utterances.Add(new ScriptUtterance(clip, start, start + Clips[clip].Samples.Length, steps.Count - 1, steps.Count - 1));
        }

        steps.Add(new ScriptStep(ScriptStepKind.Finish, Frame("""{"event_id":"event_bench_finish","type":"session.finish"}"""), clock));
        var update = Frame("""
            {"event_id":"event_bench_update","type":"session.update","session":{"input_audio_format":"pcm","sample_rate":16000,
            "input_audio_transcription":{"language":"en"},"turn_detection":null}}
            """);
        return new SessionScript("manual", serverVad: false, update, steps, utterances, SpeechOf(order));
    }

    private double SpeechOf(int[] order) => order.Sum(i => Clips[i].Samples.Length) / (double)SampleRate;

    private static byte[] AppendFrame(ReadOnlySpan<short> chunk, int index) =>
        Frame($$"""{"event_id":"event_bench_{{index}}","type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(TestAudio.ToBytes(chunk))}}"}""");

    private static byte[] Frame(string json) => Encoding.UTF8.GetBytes(json.ReplaceLineEndings(""));
}
