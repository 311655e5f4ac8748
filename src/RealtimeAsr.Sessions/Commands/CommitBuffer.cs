namespace RealtimeAsr.Sessions;

/// <summary><c>input_audio_buffer.commit</c>.</summary>
public sealed record CommitBuffer(string? EventId) : SessionCommand(EventId);
