using Microsoft.Extensions.Logging;
using RealtimeAsr.Client;

namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// A client session on a <see cref="QwenRealtimeEngine"/>: the one upstream session its utterances share, opened at the
/// first utterance (a client that never speaks costs nothing upstream) and opened again by the utterance after one
/// that broke. Driven by the client session's loop alone.
/// </summary>
internal sealed class QwenRealtimeEngineSession(QwenRealtimeEngine engine, RealtimeAsrClient client, ILogger logger) : ISpeechEngineSession
{
    private UpstreamConnection? _connection;

    /// <summary>
    /// Returns at once: the upstream connection is opened (or its settings updated) in the background, and the
    /// utterance's audio waits in its send queue meanwhile.
    /// </summary>
    public ValueTask<IUtteranceRecognition> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = UpstreamSettings(options);
        if (_connection is { IsBroken: true } broken)
        {
            _ = broken.DisposeAsync().AsTask();
            _connection = null;
        }

        if (_connection is null)
        {
            _connection = new UpstreamConnection(client, settings, engine.Name, logger);
        }
        else if (!SameSettings(_connection.Settings, settings))
        {
            _connection.Configure(settings);
        }

        return ValueTask.FromResult<IUtteranceRecognition>(new QwenRealtimeUtterance(_connection, engine.Options.ResultTimeout));
    }

    /// <summary>Closes the upstream session in the background (the client session is over).</summary>
    public void Dispose()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            _ = connection.DisposeAsync().AsTask();
        }
    }

    /// <summary>The upstream's <c>session.update</c> for <paramref name="options"/>: Manual mode, 16 kHz PCM, the language and context.</summary>
    internal static TranscriptionSessionOptions UpstreamSettings(RecognitionOptions options) => new()
    {
        AudioFormat = AudioInputFormat.Pcm,
        // Engines always get 16 kHz (8 kHz telephony audio arrives upsampled); the upstream gets what they get.
        SampleRate = RecognitionAudio.SampleRate,
        Language = options.Language,
        CorpusText = options.Context,
        TurnDetection = null,
    };

    private static bool SameSettings(TranscriptionSessionOptions a, TranscriptionSessionOptions b) =>
        string.Equals(a.Language, b.Language, StringComparison.Ordinal) && string.Equals(a.CorpusText, b.CorpusText, StringComparison.Ordinal);
}
