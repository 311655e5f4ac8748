using System.Diagnostics;
using RealtimeAsr.Recognition;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>
/// An engine through the engine contract (<see cref="ISpeechEngine"/>) without the server, as a session drives it: each
/// utterance fed in 100 ms chunks as fast as possible, a partial asked for every partial interval of audio, then the
/// final. For window engines (Whisper) this is the baseline of the single-stream rows: the partial decodes they start
/// depend on the clock (at most one per partial interval), so a burst of audio gets the same few here as in the server.
/// </summary>
internal static class EngineContractBenchmark
{
    public static async Task<EngineRunResult> RunAsync(
        string name, ISpeechEngineSession session, IReadOnlyList<short[]> utterances, IReadOnlyList<string> references,
        int chunkSamples, int partialIntervalSamples, CancellationToken cancellationToken)
    {
        var transcripts = new List<string>(utterances.Count);
        var utteranceMs = new List<double>(utterances.Count);
        var finalMs = new List<double>(utterances.Count);
        var meter = new CpuMeter();
        foreach (var samples in utterances)
        {
            var utteranceStarted = Stopwatch.GetTimestamp();
            using var utterance = await session.StartUtteranceAsync(new RecognitionOptions("en"), cancellationToken);
            var sincePartial = 0;
            for (var offset = 0; offset < samples.Length; offset += chunkSamples)
            {
                var chunk = samples.AsMemory(offset, Math.Min(chunkSamples, samples.Length - offset));
                await utterance.AcceptAsync(chunk, cancellationToken);
                sincePartial += chunk.Length;
                if (sincePartial >= partialIntervalSamples)
                {
                    sincePartial = 0;
                    _ = await utterance.GetPartialAsync(cancellationToken);
                }
            }

            var finalStarted = Stopwatch.GetTimestamp();
            transcripts.Add((await utterance.CompleteAsync(cancellationToken)).Transcript);
            finalMs.Add(Stopwatch.GetElapsedTime(finalStarted).TotalMilliseconds);
            utteranceMs.Add(Stopwatch.GetElapsedTime(utteranceStarted).TotalMilliseconds);
        }

        var (wallSeconds, cpuSeconds, otherShare) = (meter.WallSeconds, meter.ProcessSeconds, meter.OtherShare());
        var audioSeconds = utterances.Sum(u => u.Length) / (double)RecognitionAudio.SampleRate;
        var wer = WordErrorRate.Compute(string.Join(' ', references), string.Join(' ', transcripts));
        return new EngineRunResult(
            name, audioSeconds, wallSeconds, cpuSeconds, otherShare, wer, transcripts, Distribution.Of(utteranceMs), Distribution.Of(finalMs));
    }
}
