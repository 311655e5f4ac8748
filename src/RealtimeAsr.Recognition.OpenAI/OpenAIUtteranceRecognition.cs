namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// One utterance on an <see cref="OpenAIEngine"/>: the shared window streaming (<see cref="WindowUtteranceRecognition"/>)
/// with the backend as the decoder. Each decode is one request with the session's language and a prompt of its context
/// and the utterance's earlier windows.
/// </summary>
internal sealed class OpenAIUtteranceRecognition(OpenAIEngine engine, RecognitionOptions options)
    : WindowUtteranceRecognition(engine.Options.Streaming)
{
    protected override Task<WindowHypothesis> DecodeAsync(WindowDecodeRequest request, CancellationToken cancellationToken) =>
        engine.Backend.TranscribeAsync(request, options.Language, BackendPrompt.Build(options.Context, request.PreviousText), cancellationToken);
}
