using RealtimeAsr.Recognition;

namespace RealtimeAsr.Benchmarks.Server;

/// <summary>Decodes a Whisper engine ran, by kind.</summary>
/// <param name="Partial">Partial decodes (the growing window, sized encoder context by default).</param>
/// <param name="Cut">Last decodes of windows cut inside long speech.</param>
/// <param name="Final">Final decodes (full encoder context by default).</param>
internal sealed record WhisperDecodeStats(DecodeTally Partial, DecodeTally Cut, DecodeTally Final)
{
    public static readonly WhisperDecodeStats None = new(DecodeTally.None, DecodeTally.None, DecodeTally.None);

    /// <summary>These decodes plus <paramref name="more"/> of <paramref name="kind"/>.</summary>
    public WhisperDecodeStats With(WindowDecodeKind kind, DecodeTally more) => kind switch
    {
        WindowDecodeKind.Partial => this with { Partial = Partial + more },
        WindowDecodeKind.Cut => this with { Cut = Cut + more },
        _ => this with { Final = Final + more },
    };

    /// <summary>The decodes since <paramref name="earlier"/> was taken.</summary>
    public WhisperDecodeStats Since(WhisperDecodeStats earlier) =>
        new(Partial - earlier.Partial, Cut - earlier.Cut, Final - earlier.Final);
}
