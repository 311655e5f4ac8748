namespace RealtimeAsr.Server;

/// <summary>One utterance of a transcribed file: where the VAD heard it and what the engine made of it.</summary>
/// <param name="Start">From <c>speech_started</c>'s <c>audio_start_ms</c>.</param>
/// <param name="End">From <c>speech_stopped</c>'s <c>audio_end_ms</c>.</param>
/// <param name="Text">The utterance's <c>.completed</c> transcript.</param>
/// <param name="Language">The <c>.completed</c> event's language code.</param>
public sealed record TranscriptSegment(TimeSpan Start, TimeSpan End, string Text, string Language);
