using System.Text;
using RealtimeAsr.Benchmarks.Engine;
using RealtimeAsr.Benchmarks.Server;

namespace RealtimeAsr.Benchmarks.Reporting;

internal static partial class MarkdownReport
{
    private const string WhisperWerNote =
        "WER is n/a for Whisper: the benchmark cannot tell a real model from a generated one, whose random weights give nonsense "
        + "words (the JSON report has the number).";

    /// <summary>How a WER cell reads: the number for PocketSphinx; n/a for Whisper, where a generated model's words are nonsense.</summary>
    private static Func<double, string> Wer(BenchmarkReport report) =>
        report.Whisper is null ? wer => wer.ToString("0.000", s_invariant) : _ => "n/a";

    private static void RenderWhisperAlone(StringBuilder md, WhisperEngineResult whisper)
    {
        Line(md, "#### Whisper alone: one decode");
        Line(md, "");
        Line(md, $"Model {whisper.ModelSize} ({Path.GetFileName(whisper.Model)}, {Mib(whisper.ModelBytes)} MiB resident once loaded), "
            + $"{whisper.Threads} threads per decode, temperature fallback {whisper.TemperatureFallback:0.0#} on finals (partials never retry). "
            + $"Windows of the clips joined, decoded one at a time through `WhisperEngine`, {whisper.Streaming.Rounds} round(s).");
        Line(md, "");
        Line(md, "| Window | Decode | Encoder context | Decodes | Wall per decode (s) | Wall / audio s | CPU / audio s | Words out, mean | Peak memory added (MiB) |");
        Line(md, "|--:|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var cost in whisper.Decodes)
        {
            Line(md, $"| {cost.WindowSeconds:0} s | {cost.Kind} | {cost.Context} | {cost.Decodes} | {cost.WallPerDecode:0.000} | {cost.WallPerAudioSecond:0.000} "
                + $"| {cost.CpuPerAudioSecond:0.000} | {cost.MeanWords:0.#} | {Mib(cost.PeakExtraBytes)} |");
        }

        Line(md, "");
        Line(md, "CPU counts every whisper.cpp thread. Words out: a generated model's output length is arbitrary, and a long output is "
            + "decoder time the encoder does not explain. Peak memory added: the most one decode raised the process's resident memory above "
            + "what it was before the decode (whisper.cpp's state for that decode).");
        Line(md, "");

        var streaming = whisper.Streaming;
        var lengths = streaming.UtteranceSeconds;
        var rounds = Distribution.Of(streaming.RoundCpuPerSpeechSecond.Select(c => 1 / c));
        Line(md, "#### Whisper alone: one live stream");
        Line(md, "");
        Line(md, $"Each clip as one utterance ({lengths.Min():0.0}–{lengths.Max():0.0} s, mean {lengths.Average():0.0} s): a partial decode of the "
            + $"utterance so far at every whole {streaming.PartialIntervalSeconds:0.##} s of its audio ({streaming.PartialDecodes} per round), "
            + "then the final decode of the clip, one decode at a time.");
        Line(md, "");
        Line(md, "| Decodes | CPU s per speech s | Wall s per speech s |");
        Line(md, "|---|--:|--:|");
        Line(md, $"| Partials | {streaming.PartialCpuPerSpeechSecond:0.000} | {streaming.PartialWallSeconds / streaming.SpeechSeconds:0.000} |");
        Line(md, $"| Finals | {streaming.FinalCpuPerSpeechSecond:0.000} | {streaming.FinalWallSeconds / streaming.SpeechSeconds:0.000} |");
        Line(md, $"| One stream | {streaming.CpuPerSpeechSecond:0.000} | {(streaming.PartialWallSeconds + streaming.FinalWallSeconds) / streaming.SpeechSeconds:0.000} |");
        Line(md, "");
        Line(md, $"Streams one core carries while they all speak: 1 / CPU s per speech s = **{streaming.StreamsPerCore:0.00}**"
            + (rounds.Count > 1 ? $" (per round {rounds.Median:0.00}, {streaming.RoundCpuPerSpeechSecond.Select(c => 1 / c).Min():0.00}–{rounds.Max:0.00})" : "")
            + ". Speech only: in the server each utterance also holds the VAD's pre-roll and the silence before it ends, about 1 s more.");
        if (streaming.Samples.Where(d => d.Kind == "partial").MaxBy(d => d.CpuSeconds) is { } slowest)
        {
            Line(md, $"The costliest partial decode: {slowest.CpuSeconds:0.00} CPU s ({slowest.WallSeconds:0.00} s wall) for {slowest.WindowSeconds:0.#} s of audio, "
                + $"{slowest.Words} words out (every decode is in the JSON report).");
        }

        Line(md, "");
    }

    private static void RenderWhisperDecodes(StringBuilder md, List<ConcurrencyResult> runs)
    {
        Line(md, "Whisper decodes during these runs (time: a free recognition worker awaited, then whisper.cpp):");
        Line(md, "");
        Line(md, "| Sessions | Partial decodes | per session per speech s | Partial: mean audio (s), mean time (ms) | Final decodes | Final: mean audio (s), mean time (ms) | Cut decodes |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs.Where(r => r.WhisperDecodes is not null))
        {
            var (partial, cut, final) = (run.WhisperDecodes!.Partial, run.WhisperDecodes.Cut, run.WhisperDecodes.Final);
            Line(md, $"| {run.Sessions} | {partial.Count} | {partial.Count / run.SpeechSeconds:0.00} | {partial.MeanAudioSeconds:0.0}, {partial.MeanMs:0} "
                + $"| {final.Count} | {final.MeanAudioSeconds:0.0}, {final.MeanMs:0} | {cut.Count} |");
        }

        Line(md, "");
    }

    private static void RenderWhisperStreamDecodes(StringBuilder md, IReadOnlyList<ServerRunResult> runs)
    {
        Line(md, "Whisper decodes of those sessions: "
            + string.Join("; ", runs.Where(r => r.WhisperDecodes is not null).Select(r => string.Create(s_invariant,
                $"{(r.Mode == "vad" ? "VAD" : "Manual")}: {r.WhisperDecodes!.Partial.Count} partial, {r.WhisperDecodes.Final.Count} final, {r.WhisperDecodes.Cut.Count} cut")))
            + ".");
        Line(md, "");
    }

    private static string Mib(long? bytes) => bytes is { } value ? PeakMemory.Mib(value) : "?";
}
