using RealtimeAsr.Cli.Evaluation;
using RealtimeAsr.Client;

namespace RealtimeAsr.Cli.Commands;

/// <summary>Everything <c>eval</c> was asked to do, after parsing.</summary>
internal sealed class EvalRequest
{
    /// <summary>A manifest (TSV or JSON lines) or a folder of <c>name.wav</c> + <c>name.txt</c>.</summary>
    public required string Input { get; init; }

    /// <summary>Creates the connection options; each file's session gets its own.</summary>
    public required Func<RealtimeAsrClientOptions> ClientOptions { get; init; }

    /// <summary>Language (overriding the manifest's), corpus and VAD settings; format and rate come from each file.</summary>
    public required TranscriptionSessionOptions Session { get; init; }

    /// <summary>Pace the audio at real time.</summary>
    public bool RealTime { get; init; }

    /// <summary>Files evaluated at once.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>How references and hypotheses are normalised before scoring.</summary>
    public required ITextNormalizer Normalizer { get; init; }

    /// <summary>Print the JSON report instead of the table.</summary>
    public bool Json { get; init; }

    /// <summary>Also write the JSON report to this file.</summary>
    public string? OutputPath { get; init; }

    /// <summary>A saved JSON report to compare this run with.</summary>
    public string? ComparePath { get; init; }
}
