namespace RealtimeAsr.Benchmarks.Audio;

/// <summary>One clip inside a <see cref="SessionScript"/>: where it lies and which step ends it.</summary>
/// <param name="ClipIndex">Index in <see cref="BenchmarkClips.Clips"/>.</param>
/// <param name="StartSample">First sample of the clip on the session audio clock.</param>
/// <param name="EndSample">Sample just after the clip.</param>
/// <param name="EndStep">
/// The step after which the client has nothing more to say about this utterance and waits for its result: the append
/// holding the clip's last sample (VAD mode) or the commit (Manual mode). Latency is measured from its send time.
/// </param>
/// <param name="LastStep">The last step sent before waiting for this utterance's result in burst pacing.</param>
internal sealed record ScriptUtterance(int ClipIndex, long StartSample, long EndSample, int EndStep, int LastStep);
