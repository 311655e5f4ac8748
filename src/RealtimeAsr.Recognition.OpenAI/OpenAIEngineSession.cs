namespace RealtimeAsr.Recognition.OpenAI;

/// <summary>
/// A client session on an <see cref="OpenAIEngine"/>. The backend keeps nothing between requests, and an utterance holds
/// nothing while it waits for audio, so starting one returns at once.
/// </summary>
internal sealed class OpenAIEngineSession(OpenAIEngine engine) : ISpeechEngineSession
{
    public ValueTask<IUtteranceRecognition> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The session checks the language against the capabilities at session.update; this only guards the contract.
        if (options.Language is { } language && !engine.Capabilities.Languages.Contains(language))
        {
            throw new ArgumentException(
                $"OpenAI engine '{engine.Name}' does not transcribe \"{language}\"; it does: {string.Join(", ", engine.Capabilities.Languages.Order(StringComparer.Ordinal))}.",
                nameof(options));
        }

        return ValueTask.FromResult<IUtteranceRecognition>(new OpenAIUtteranceRecognition(engine, options));
    }

    public void Dispose()
    {
    }
}
