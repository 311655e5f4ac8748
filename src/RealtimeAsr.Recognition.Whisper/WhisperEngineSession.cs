namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// A client session on a <see cref="WhisperEngine"/>. Whisper keeps nothing between utterances and an utterance holds
/// no decoder while it waits for audio (each decode rents one), so starting an utterance returns at once.
/// </summary>
internal sealed class WhisperEngineSession(WhisperEngine engine, WhisperEngine.Loaded loaded, IRecognitionWorkers workers)
    : ISpeechEngineSession
{
    public ValueTask<IUtteranceRecognition> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Language is { } language && !loaded.Capabilities.Languages.Contains(language))
        {
            throw new ArgumentException(
                $"Whisper engine '{engine.Name}' ({loaded.Model.Info.Size}{(loaded.Model.Info.IsMultilingual ? "" : ", English-only")} " +
                $"model) does not transcribe \"{language}\"; it does: {string.Join(", ", loaded.Capabilities.Languages.Order(StringComparer.Ordinal))}.",
                nameof(options));
        }

        return ValueTask.FromResult<IUtteranceRecognition>(new WhisperUtteranceRecognition(engine, loaded, workers, options));
    }

    public void Dispose()
    {
    }
}
