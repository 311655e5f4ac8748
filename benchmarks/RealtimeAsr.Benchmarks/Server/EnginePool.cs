namespace RealtimeAsr.Benchmarks.Server;

/// <summary>
/// The bounded resource of the server's engine that sessions queue for, as the benchmark watches it: PocketSphinx's
/// decoders (one lent per utterance being spoken) or Whisper's decodes (one per running decode).
/// </summary>
/// <param name="Description">What is counted, for the report (e.g. "decoders lent").</param>
/// <param name="Capacity">How many there are.</param>
/// <param name="InUse">How many are in use now.</param>
internal sealed record EnginePool(string Description, int Capacity, Func<int> InUse);
