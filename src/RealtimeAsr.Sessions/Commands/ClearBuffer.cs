namespace RealtimeAsr.Sessions;

/// <summary><c>input_audio_buffer.clear</c>.</summary>
public sealed record ClearBuffer(string? EventId) : SessionCommand(EventId);
