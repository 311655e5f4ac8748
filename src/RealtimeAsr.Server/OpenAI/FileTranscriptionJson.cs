using System.Text.Json.Serialization;

namespace RealtimeAsr.Server;

/// <summary>The <c>session</c> of the <c>session.update</c> a file transcription starts with.</summary>
/// <param name="SampleRate">16000, or 8000 for a narrowband file (<see cref="RealtimeAsr.Audio.DecodedAudio"/>).</param>
/// <param name="InputAudioTranscription">The language and biasing text.</param>
internal sealed record SessionSettingsUpdate(int SampleRate, TranscriptionSettings InputAudioTranscription);

/// <summary><c>input_audio_transcription</c>: the request's <c>language</c> and, as biasing text, its <c>prompt</c>.</summary>
internal sealed record TranscriptionSettings(string? Language, CorpusSettings? Corpus);

/// <summary><c>corpus</c>.</summary>
internal sealed record CorpusSettings(string Text);

/// <summary>Source-generated JSON for <see cref="SessionSettingsUpdate"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionSettingsUpdate))]
internal sealed partial class FileTranscriptionJsonContext : JsonSerializerContext;
