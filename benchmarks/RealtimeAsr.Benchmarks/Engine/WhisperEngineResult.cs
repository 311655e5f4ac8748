namespace RealtimeAsr.Benchmarks.Engine;

/// <summary>The Whisper engine alone: per-decode costs, the cost of a live stream, and the settings they ran with.</summary>
/// <param name="Model">The model file.</param>
/// <param name="ModelSize">The model's size family as the engine reports it (tiny, base, …).</param>
/// <param name="Threads">whisper.cpp threads per decode.</param>
/// <param name="MaxConcurrentDecodes">The engine's decode bound (one decode at a time runs here: the measurements are sequential).</param>
/// <param name="TemperatureFallback">The retry step of final decodes (partials never retry).</param>
/// <param name="ModelBytes">Resident memory the model added when it loaded, or <see langword="null"/> when unknown.</param>
/// <param name="Decodes">Per window length and kind.</param>
/// <param name="Streaming">One live stream's decodes on the clips.</param>
internal sealed record WhisperEngineResult(
    string Model, string ModelSize, int Threads, int MaxConcurrentDecodes, float TemperatureFallback, long? ModelBytes,
    IReadOnlyList<WhisperDecodeCost> Decodes, WhisperStreamingCost Streaming);
