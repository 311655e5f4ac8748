namespace RealtimeAsr.Benchmarks.Audio;

/// <summary>One client event of a <see cref="SessionScript"/>, already serialised.</summary>
/// <param name="Kind">What the frame is.</param>
/// <param name="Frame">The UTF-8 JSON text frame.</param>
/// <param name="EndSample">The session audio clock (16 kHz samples) once this step is sent.</param>
internal sealed record ScriptStep(ScriptStepKind Kind, ReadOnlyMemory<byte> Frame, long EndSample);
