namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>The server settings in effect during the run.</summary>
/// <param name="MaxDecoders">Decoder pool size: utterances decoded at once; more wait for a free decoder.</param>
/// <param name="RecognitionWorkers">CPU slots: sessions computing (decoding, VAD) at once.</param>
/// <param name="PartialIntervalMs">Audio decoded between two partial results.</param>
/// <param name="SilenceMs">VAD silence that ends an utterance.</param>
internal sealed record ServerSetup(int MaxDecoders, int RecognitionWorkers, int PartialIntervalMs, int SilenceMs);
