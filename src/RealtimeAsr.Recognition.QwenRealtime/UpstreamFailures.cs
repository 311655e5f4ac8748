using System.Globalization;
using System.Net;
using RealtimeAsr.Client;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// What the client is told when the upstream fails: the item's error code and a message that names the cause in this
/// server's words. Messages never carry the upstream's key or address (the client has no use for either; the log has
/// the details).
/// </summary>
internal static class UpstreamFailures
{
    /// <summary>The failure of an upstream session that could not be opened or was lost, from the client SDK's exception.</summary>
    /// <param name="exception">What opening, sending or receiving threw.</param>
    /// <param name="connected">Whether the upstream session had been open (a lost connection rather than no connection).</param>
    public static RecognitionFailedException FromException(Exception exception, bool connected) => exception switch
    {
        RealtimeAsrHandshakeException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } refused =>
            new RecognitionFailedException(ErrorCodes.BackendUnauthorized, string.Create(CultureInfo.InvariantCulture,
                $"The upstream recognition server refused this server's credentials (HTTP {(int)refused.StatusCode}); this server's operator must check the engine's upstream API key. The audio was not transcribed."),
                exception),
        RealtimeAsrHandshakeException refused =>
            new RecognitionFailedException(ErrorCodes.BackendUnavailable, string.Create(CultureInfo.InvariantCulture,
                $"The upstream recognition server refused the connection (HTTP {(int)refused.StatusCode}). The audio was not transcribed."),
                exception),
        RealtimeAsrTimeoutException =>
            new RecognitionFailedException(ErrorCodes.BackendTimeout,
                "The upstream recognition server did not answer in time. The audio was not transcribed.", exception),
        RealtimeAsrErrorException { Code: { Length: > 0 } code } rejected =>
            new RecognitionFailedException(code,
                $"The upstream recognition server rejected the session's settings: {rejected.ErrorEvent?.Error.Message}", exception),
        _ when connected =>
            new RecognitionFailedException(ErrorCodes.BackendUnavailable,
                "The connection to the upstream recognition server was lost. The audio was not transcribed; the next utterance connects again.",
                exception),
        _ =>
            new RecognitionFailedException(ErrorCodes.BackendUnavailable,
                "The upstream recognition server could not be reached. The audio was not transcribed.", exception),
    };

    /// <summary>The upstream ended its session (<c>session.finished</c> without being asked, e.g. while it shuts down).</summary>
    public static RecognitionFailedException Ended() =>
        new(ErrorCodes.BackendUnavailable,
            "The upstream recognition server ended its session. The audio was not transcribed; the next utterance connects again.");

    /// <summary>No final result within <paramref name="timeout"/> after the utterance ended.</summary>
    public static RecognitionFailedException NoResult(TimeSpan timeout) =>
        new(ErrorCodes.BackendTimeout, string.Create(CultureInfo.InvariantCulture,
            $"The upstream recognition server did not return the transcript within {timeout.TotalSeconds:0.#} s."));

    /// <summary>
    /// The upstream's <c>…transcription.failed</c> for the item: its code and message as they are (they were written
    /// for clients), or <see langword="null"/> for <c>audio_unintelligible</c>, which is an empty transcript here (the
    /// session reports it the same way).
    /// </summary>
    public static RecognitionFailedException? FromFailedItem(TranscriptionError error) =>
        error.Code == ErrorCodes.AudioUnintelligible
            ? null
            : new RecognitionFailedException(
                string.IsNullOrWhiteSpace(error.Code) ? ErrorCodes.RecognitionFailed : error.Code,
                string.IsNullOrWhiteSpace(error.Message) ? "The upstream recognition server could not transcribe this audio." : error.Message);

    /// <summary>An upstream <c>error</c> event while an item was being recognised: the item fails with its code.</summary>
    public static RecognitionFailedException FromErrorEvent(ErrorDetail error) =>
        new(string.IsNullOrWhiteSpace(error.Code) ? ErrorCodes.RecognitionFailed : error.Code,
            $"The upstream recognition server reported an error: {error.Message}");
}
