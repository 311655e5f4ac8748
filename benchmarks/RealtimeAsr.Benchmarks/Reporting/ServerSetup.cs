namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>The server settings in effect during the run.</summary>
/// <param name="Engine">The default engine and its settings, in words.</param>
/// <param name="Pool">What bounds the utterances decoded at once (PocketSphinx decoders lent, Whisper decodes running).</param>
/// <param name="MaxDecoders">Its size: more wait.</param>
/// <param name="RecognitionWorkers">CPU slots: sessions computing (decoding, VAD) at once.</param>
/// <param name="PartialIntervalMs">Audio decoded between two partial results.</param>
/// <param name="SilenceMs">VAD silence that ends an utterance.</param>
/// <param name="AdmittedSessions">
/// Live sessions the server admits with its default limits on this machine (<c>RealtimeAsr:Limits:MaxSessions</c> derived from
/// the engine's streams per core); the benchmark lifts the limit to measure past it.
/// </param>
internal sealed record ServerSetup(string Engine, string Pool, int MaxDecoders, int RecognitionWorkers, int PartialIntervalMs, int SilenceMs, int? AdmittedSessions);
