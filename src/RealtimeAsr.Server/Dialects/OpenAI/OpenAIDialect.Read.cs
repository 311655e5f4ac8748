using System.Buffers;
using System.Text.Json;
using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

public sealed partial class OpenAIDialect
{
    /// <summary>The client events served; anything else is refused naming them.</summary>
    public const string SupportedEvents =
        "'session.update', 'transcription_session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear'";

    private OpenAISessionEcho _readEcho;
    private PcmRateConverter? _converter;

    /// <inheritdoc />
    /// <remarks>
    /// The Qwen reader parses what both protocols share (<c>type</c>, <c>event_id</c>, <c>audio</c>, <c>session</c>, and
    /// every malformed frame); only what it does not know is parsed again here.
    /// </remarks>
    public SessionCommand Read(ReadOnlySpan<byte> frame) => ClientEventReader.Read(frame) switch
    {
        AppendAudio append => Convert(append),
        UpdateSession update => Update(update.EventId, update.Session, beta: false),
        // The Qwen protocol's session.finish is not OpenAI's: a client closes the socket instead.
        FinishSession finish => Unknown(finish.EventId, EventTypes.SessionFinish),
        RejectEvent { Code: ErrorCodes.InvalidEvent } unknown => ReadOther(frame, unknown.EventId),
        var command => command,
    };

    private SessionCommand ReadOther(ReadOnlySpan<byte> frame, string? eventId)
    {
        using var document = JsonDocument.Parse(frame.ToArray());
        var root = document.RootElement;
        JsonStrings.TryGetProperty(root, "type"u8, out var typeValue);
        JsonStrings.TryGetString(typeValue, out var type);
        if (type != "transcription_session.update")
        {
            return Unknown(eventId, type);
        }

        return JsonStrings.TryGetProperty(root, "session"u8, out var session)
            ? Update(eventId, session, beta: true)
            : new RejectEvent(eventId, ErrorCodes.MissingRequiredParameter, "'transcription_session.update' requires a 'session' object.", "session");
    }

    private SessionCommand Update(string? eventId, JsonElement session, bool beta)
    {
        var command = OpenAISessionTranslator.Translate(eventId, session, beta, _readEcho, _checkModel, out var next);
        if (command is UpdateSession)
        {
            if (next.Format != _readEcho.Format)
            {
                // A new format starts a new stream: nothing held by the old converter belongs to it.
                _converter?.Dispose();
                _converter = null;
            }

            _readEcho = next;
            _beta = beta;
            _echoes.Enqueue(next);
        }

        return command;
    }

    /// <summary>The audio in the session's format: 24 kHz PCM resampled to 16 kHz, G.711 expanded to 8 kHz PCM.</summary>
    private AppendAudio Convert(AppendAudio append)
    {
        try
        {
            if (_readEcho.Format == OpenAIInputFormat.Pcm24k)
            {
                _converter ??= new PcmRateConverter(OpenAIInputFormats.PcmRate, OpenAIInputFormat.Pcm24k.SessionRate());
                var resampled = ArrayPool<byte>.Shared.Rent(Math.Max(1, _converter.MaxOutputBytes(append.Length)));
                return new AppendAudio(append.EventId, resampled, _converter.Convert(append.Audio, resampled));
            }

            var expanded = ArrayPool<byte>.Shared.Rent(Math.Max(1, append.Length * 2));
            G711Decoder.Decode(append.Audio, aLaw: _readEcho.Format == OpenAIInputFormat.Pcma, expanded);
            return new AppendAudio(append.EventId, expanded, append.Length * 2);
        }
        finally
        {
            append.Release();
        }
    }

    private static RejectEvent Unknown(string? eventId, string? type) => new(eventId, ErrorCodes.InvalidValue,
        type is null
            ? $"The event has no string 'type'. Supported values are: {SupportedEvents}."
            : $"Invalid value: '{type}'. Supported values are: {SupportedEvents}. This server offers transcription sessions only.",
        "type");
}
