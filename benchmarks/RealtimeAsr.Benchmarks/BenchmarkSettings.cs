namespace RealtimeAsr.Benchmarks;

/// <summary>What to measure, from the command line.</summary>
/// <param name="Repeat">Runs of each single-stream measurement; the median is reported.</param>
/// <param name="RealTimeSessions">Session counts for the real-time concurrency runs (empty: skip).</param>
/// <param name="FullSpeedSessions">Session counts for the full-speed throughput runs (empty: skip).</param>
/// <param name="SessionClips">Clips each concurrent session sends (1 to 5), starting at a different clip per session.</param>
/// <param name="MaxDecoders">The server's decoder pool size; <see langword="null"/> keeps its default (derived from its memory budget).</param>
/// <param name="Workers">The server's recognition slots; <see langword="null"/> keeps its default (1 per core).</param>
/// <param name="SilenceMs">VAD <c>silence_duration_ms</c> of every VAD session.</param>
/// <param name="Micro">Whether to measure the per-audio-second micro-costs.</param>
/// <param name="Json">Print JSON instead of Markdown.</param>
/// <param name="JsonFile">Also write JSON to this file, or <see langword="null"/>.</param>
/// <param name="Whisper">The Whisper engine the server runs instead of PocketSphinx, or <see langword="null"/> for PocketSphinx.</param>
/// <param name="SoakMinutes">How long the soak section churns sessions; <see langword="null"/> skips it.</param>
/// <param name="SoakSessions">Concurrent session loops of the soak; <see langword="null"/>: as many as the server admits by default.</param>
/// <param name="PlotDirectory">Where to write the PNG plots, or <see langword="null"/>.</param>
/// <param name="FromJson">A report written by an earlier run to render instead of measuring, or <see langword="null"/>.</param>
internal sealed record BenchmarkSettings(
    int Repeat, IReadOnlyList<int> RealTimeSessions, IReadOnlyList<int> FullSpeedSessions, int SessionClips, int? MaxDecoders, int? Workers,
    int SilenceMs, bool Micro, bool Json, string? JsonFile, WhisperSettings? Whisper = null, double? SoakMinutes = null, int? SoakSessions = null,
    string? PlotDirectory = null, string? FromJson = null);
