namespace RealtimeAsr.Cli;

/// <summary>The documented server-VAD presets, as <c>--vad-preset</c> names them.</summary>
internal enum VadPreset
{
    /// <summary>Threshold 0.2, 800 ms silence: the service default.</summary>
    Balanced,

    /// <summary>Threshold 0.0, 400 ms silence: answers sooner, may split at pauses.</summary>
    LowLatency,
}
