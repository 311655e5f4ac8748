using System.Diagnostics;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.Whisper;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>
/// The Whisper engine without the server, one decode at a time, through the engine's own path (<see cref="WhisperEngine"/>:
/// its session, utterance, decoder pool and a recognition worker). Each decode is one utterance's final decode: the
/// engines built here start no partial decodes (their partial interval is a day), and the one for partials has its
/// final decode set up exactly as a partial is (sized encoder context, no temperature fallback), so a final decode of
/// it is what a partial decode of the same window costs.
/// </summary>
internal static class WhisperEngineBenchmark
{
    /// <summary>Window lengths of the per-decode table.</summary>
    public static readonly IReadOnlyList<int> WindowSeconds = [1, 5, 10];

    /// <summary>Windows per length and round, taken one after the other from the clips joined (24.7 s: two of 10 s).</summary>
    private const int WindowsPerLength = 3;

    private static readonly RecognitionOptions s_english = new("en");

    public static async Task<WhisperEngineResult> RunAsync(
        WhisperSettings settings, IReadOnlyList<short[]> clips, int rounds, Action<string> progress, CancellationToken cancellationToken)
    {
        var served = settings.Options();
        var before = PeakMemory.CurrentBytes();
        using var partialEngine = await LoadAsync(settings, WhisperAudioContext.Sized, temperatureFallback: 0, cancellationToken);
        var modelBytes = PeakMemory.CurrentBytes() - before;
        using var finalEngine = await LoadAsync(settings, served.FinalAudioContext, served.TemperatureFallback, cancellationToken);
        using var workers = new RecognitionWorkers(Environment.ProcessorCount);
        using var partialSession = partialEngine.OpenSession(workers);
        using var finalSession = finalEngine.OpenSession(workers);

        var joined = clips.SelectMany(c => c).ToArray();
        var cells = new Dictionary<(string Kind, int Seconds), List<Measured>>();
        var contexts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["partial"] = nameof(WhisperAudioContext.Sized),
            ["final"] = served.FinalAudioContext.ToString(),
        };
        var interval = served.Streaming.PartialInterval.TotalSeconds;
        var intervalSamples = (int)(interval * RecognitionAudio.SampleRate);
        var streaming = (Partials: new List<Measured>(), Finals: new List<Measured>(), RoundCpu: new List<double>(), Samples: new List<WhisperDecodeSample>());
        for (var round = 1; round <= rounds; round++)
        {
            progress($"Whisper alone, round {round}/{rounds}: 1, 5 and 10 s windows (partial and final decodes), then each clip as a live stream");
            foreach (var seconds in WindowSeconds)
            {
                var length = seconds * RecognitionAudio.SampleRate;
                for (var offset = 0; offset + length <= joined.Length && offset / length < WindowsPerLength; offset += length)
                {
                    var window = joined.AsMemory(offset, length);
                    foreach (var (kind, session) in new[] { ("partial", partialSession), ("final", finalSession) })
                    {
                        var measured = await DecodeAsync(session, window, measureMemory: true, cancellationToken);
                        (cells.TryGetValue((kind, seconds), out var list) ? list : cells[(kind, seconds)] = []).Add(measured);
                    }
                }
            }

            // One live stream: a partial decode of the utterance so far at every whole interval, then the final.
            var cpuBefore = ProcessCpu.Now();
            foreach (var clip in clips)
            {
                for (var end = intervalSamples; end <= clip.Length; end += intervalSamples)
                {
                    var decoded = await DecodeAsync(partialSession, clip.AsMemory(0, end), measureMemory: false, cancellationToken);
                    streaming.Partials.Add(decoded);
                    streaming.Samples.Add(decoded.Sample("partial", end));
                }

                var final = await DecodeAsync(finalSession, clip, measureMemory: false, cancellationToken);
                streaming.Finals.Add(final);
                streaming.Samples.Add(final.Sample("final", clip.Length));
            }

            streaming.RoundCpu.Add((ProcessCpu.Now() - cpuBefore).TotalSeconds / (clips.Sum(c => c.Length) / (double)RecognitionAudio.SampleRate));
        }

        var costs = cells
            .OrderBy(c => c.Key.Seconds).ThenByDescending(c => c.Key.Kind, StringComparer.Ordinal)
            .Select(c => new WhisperDecodeCost(
                c.Key.Kind, contexts[c.Key.Kind], c.Key.Seconds, c.Value.Count, c.Value.Sum(m => m.Wall), c.Value.Sum(m => m.Cpu), c.Value.Average(m => m.Words),
                c.Value.All(m => m.PeakExtra is not null) ? c.Value.Max(m => m.PeakExtra) : null))
            .ToList();
        return new WhisperEngineResult(
            settings.ModelPath,
            partialEngine.ModelInfo.Size,
            partialEngine.Threads,
            partialEngine.MaxConcurrentDecodes,
            served.TemperatureFallback,
            modelBytes,
            costs,
            new WhisperStreamingCost(
                interval,
                [.. clips.Select(c => c.Length / (double)RecognitionAudio.SampleRate)],
                rounds,
                streaming.Partials.Count / rounds,
                streaming.Partials.Sum(m => m.Cpu),
                streaming.Partials.Sum(m => m.Wall),
                streaming.Finals.Sum(m => m.Cpu),
                streaming.Finals.Sum(m => m.Wall),
                streaming.RoundCpu,
                streaming.Samples));
    }

    /// <summary>An engine with the benchmark's settings whose every decode is a final one set up as <paramref name="context"/>.</summary>
    private static async Task<WhisperEngine> LoadAsync(
        WhisperSettings settings, WhisperAudioContext context, float temperatureFallback, CancellationToken cancellationToken)
    {
        var options = settings.Options();
        options.FinalAudioContext = context;
        options.TemperatureFallback = temperatureFallback;
        options.Streaming.PartialInterval = TimeSpan.FromDays(1);
        var engine = new WhisperEngine(WhisperSettings.EngineName, options);
        try
        {
            await engine.WarmUpAsync(cancellationToken);
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>One utterance of <paramref name="audio"/>, decoded once by its final decode.</summary>
    private static async Task<Measured> DecodeAsync(
        ISpeechEngineSession session, ReadOnlyMemory<short> audio, bool measureMemory, CancellationToken cancellationToken)
    {
        // Memory freed by earlier decodes but kept by the allocator would hide this decode's own state.
        var peakReset = measureMemory && PeakMemory.TrimNativeHeap() && PeakMemory.Reset();
        var before = PeakMemory.CurrentBytes();
        var cpu = ProcessCpu.Now();
        var started = Stopwatch.GetTimestamp();
        using var utterance = await session.StartUtteranceAsync(s_english, cancellationToken);
        await utterance.AcceptAsync(audio, cancellationToken);
        var result = await utterance.CompleteAsync(cancellationToken);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (ProcessCpu.Now() - cpu).TotalSeconds;
        return new Measured(
            wall, cpuSeconds, result.Transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
            peakReset ? PeakMemory.PeakBytes() - before : null);
    }

    private readonly record struct Measured(double Wall, double Cpu, int Words, long? PeakExtra)
    {
        public WhisperDecodeSample Sample(string kind, int samples) =>
            new(kind, samples / (double)RecognitionAudio.SampleRate, Wall, Cpu, Words);
    }
}
