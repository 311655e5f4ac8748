using System.Diagnostics.Metrics;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Recognition.Whisper;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// The engines' decoders as gauges on the <c>RealtimeAsr</c> meter, read from the <see cref="EngineRegistry"/> when
/// metrics are collected, by engine name: PocketSphinx's pooled decoders (loaded, lent, the most there may be) and
/// Whisper's decodes (running, the most that may run at once). Engines of other kinds, and engines not started, report
/// nothing. See docs/OPERATIONS.md, "Metrics and health".
/// </summary>
public sealed class EngineMetrics
{
    private const string EngineAttribute = "realtimeasr.engine";

    private readonly EngineRegistry _engines;

    /// <summary>Creates the gauges; they read <paramref name="engines"/> whenever metrics are collected.</summary>
    public EngineMetrics(IMeterFactory meterFactory, EngineRegistry engines)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _engines = engines;
        var meter = meterFactory.Create(SessionMetrics.MeterName);
        meter.CreateObservableGauge("realtimeasr.engine.decoders.loaded", () => Observe(static e => e.Loaded), "{decoder}",
            "Decoders the engine has loaded (PocketSphinx: pooled decoders created so far).");
        meter.CreateObservableGauge("realtimeasr.engine.decoders.in_use", () => Observe(static e => e.InUse), "{decoder}",
            "Decoders lent to utterances now (PocketSphinx), or decodes running now (Whisper).");
        meter.CreateObservableGauge("realtimeasr.engine.decoders.limit", () => Observe(static e => e.Limit), "{decoder}",
            "The most decoders the engine lends at once (PocketSphinx MaxDecoders), or decodes it runs at once (Whisper MaxConcurrentDecodes).");
    }

    private IEnumerable<Measurement<int>> Observe(Func<DecoderCounts, int?> read)
    {
        foreach (var name in _engines.Names)
        {
            if (Read(_engines[name].Engine) is { } counts && read(counts) is { } value)
            {
                yield return new Measurement<int>(value, new KeyValuePair<string, object?>(EngineAttribute, name));
            }
        }
    }

    private static DecoderCounts? Read(ISpeechEngine? engine) => engine switch
    {
        IncrementalSpeechEngine { Recognizer: PocketSphinxRecognizer pocketSphinx } =>
            new DecoderCounts(pocketSphinx.LoadedDecoders, pocketSphinx.DecodersInUse, pocketSphinx.MaxDecoders),
        // Whisper decodes on pooled whisper.cpp states; it does not say how many of them are loaded.
        WhisperEngine whisper => new DecoderCounts(null, whisper.DecodesRunning, whisper.MaxConcurrentDecodes),
        _ => null,
    };

    private readonly record struct DecoderCounts(int? Loaded, int InUse, int Limit);
}
