namespace RealtimeAsr.Recognition.Whisper;

/// <summary>What the filter needs of one segment whisper.cpp decoded.</summary>
/// <param name="Text">The segment's text.</param>
/// <param name="NoSpeechProbability">whisper.cpp's probability that the segment's audio holds no speech.</param>
public readonly record struct WhisperSegment(string Text, float NoSpeechProbability);
