using System.Diagnostics;
using RealtimeAsr.Recognition;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>
/// The engine without the server: the utterances decoded as one client session's (so each starts from what the
/// previous one adapted, as in a server session), each in 100 ms chunks as fast as possible on one thread, asking for a
/// hypothesis every partial interval as a session does, then the final pass.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<EngineRunResult> RunAsync(
        string name, ISpeechRecognizer engine, IReadOnlyList<short[]> utterances, IReadOnlyList<string> references,
        int chunkSamples, int partialIntervalSamples, CancellationToken cancellationToken)
    {
        var transcripts = new List<string>(utterances.Count);
        var utteranceMs = new List<double>(utterances.Count);
        var finalPassMs = new List<double>(utterances.Count);
        var meter = new CpuMeter();
        using var session = engine.CreateSession();
        foreach (var samples in utterances)
        {
            var utteranceStarted = Stopwatch.GetTimestamp();
            using var decoder = await session.StartUtteranceAsync(new RecognitionOptions("en"), cancellationToken);
            var sincePartial = 0;
            for (var offset = 0; offset < samples.Length; offset += chunkSamples)
            {
                var chunk = samples.AsSpan(offset, Math.Min(chunkSamples, samples.Length - offset));
                decoder.Accept(chunk);
                sincePartial += chunk.Length;
                if (sincePartial >= partialIntervalSamples)
                {
                    sincePartial = 0;
                    _ = decoder.GetPartial();
                }
            }

            var finalStarted = Stopwatch.GetTimestamp();
            transcripts.Add(decoder.Complete());
            finalPassMs.Add(Stopwatch.GetElapsedTime(finalStarted).TotalMilliseconds);
            utteranceMs.Add(Stopwatch.GetElapsedTime(utteranceStarted).TotalMilliseconds);
        }

        var (wallSeconds, cpuSeconds, otherShare) = (meter.WallSeconds, meter.ProcessSeconds, meter.OtherShare());
        var audioSeconds = utterances.Sum(u => u.Length) / (double)RecognitionAudio.SampleRate;
        var wer = WordErrorRate.Compute(string.Join(' ', references), string.Join(' ', transcripts));
        return new EngineRunResult(
            name, audioSeconds, wallSeconds, cpuSeconds, otherShare, wer, transcripts, Distribution.Of(utteranceMs), Distribution.Of(finalPassMs));
    }
}
