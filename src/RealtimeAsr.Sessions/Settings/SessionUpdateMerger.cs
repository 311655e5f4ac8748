using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Sessions;

/// <summary>
/// Applies the <c>session</c> object of a <c>session.update</c> to the current settings: a deep merge where an absent
/// field keeps its value. <c>turn_detection: null</c> selects Manual mode; an object selects (or stays in) VAD mode.
/// The SDKs' extras (<c>voice</c>, <c>output_audio_format</c>, <c>prefix_padding_ms</c>, <c>model</c>, …) are ignored,
/// and the legacy top-level <c>language</c>/<c>corpus</c> of Python SDK 1.24.8–1.25.1 are read too.
/// The update is all or nothing: on the first invalid field nothing changes. Every name and string is read through
/// <see cref="JsonStrings"/>, so a client's string that is not valid Unicode is an <c>invalid_value</c>, never an exception.
/// </summary>
public static class SessionUpdateMerger
{
    /// <summary>Merges <paramref name="session"/> into <paramref name="current"/>.</summary>
    /// <returns><see langword="null"/> and the merged settings, or the first error found.</returns>
    public static SettingsError? TryApply(SessionSettings current, JsonElement session, out SessionSettings merged)
    {
        merged = current;
        if (session.ValueKind != JsonValueKind.Object)
        {
            return Invalid("session", "'session' must be an object.");
        }

        var result = current;
        if (TryGet(session, "input_audio_format"u8, out var format))
        {
            if (!JsonStrings.TryGetString(format, out var name) || name is not (AudioFormats.Pcm or AudioFormats.Pcm16 or AudioFormats.Opus))
            {
                return Invalid("session.input_audio_format", $"Invalid value: {Show(format)}. Supported values are: 'pcm', 'opus'.");
            }

            result = result with { InputAudioFormat = name == AudioFormats.Opus ? AudioFormats.Opus : AudioFormats.Pcm };
        }

        if (TryGet(session, "sample_rate"u8, out var rate))
        {
            // 16000 and 16000.0 alike, as for silence_duration_ms; anything but a number is refused, never thrown on.
            if (rate.ValueKind != JsonValueKind.Number || !rate.TryGetDouble(out var hz) || !SessionSettings.SupportedSampleRates.Contains((int)hz) || hz != Math.Floor(hz))
            {
                return Invalid("session.sample_rate", $"Invalid value: {Show(rate)}. Supported values are: 16000, 8000.");
            }

            result = result with { SampleRate = (int)hz };
        }

        // Legacy SDKs put language/corpus at the top level; the documented place wins when both are present.
        var error = ApplyTranscription(session, "session", ref result);
        if (error is not null)
        {
            return error;
        }

        if (JsonStrings.TryGetProperty(session, "input_audio_transcription"u8, out var transcription))
        {
            if (transcription.ValueKind == JsonValueKind.Null)
            {
                result = result with { Language = null, CorpusText = null };
            }
            else if (transcription.ValueKind != JsonValueKind.Object)
            {
                return Invalid("session.input_audio_transcription", "'input_audio_transcription' must be an object or null.");
            }
            else if (ApplyTranscription(transcription, "session.input_audio_transcription", ref result) is { } nested)
            {
                return nested;
            }
        }

        if (JsonStrings.TryGetProperty(session, "turn_detection"u8, out var turn))
        {
            if (turn.ValueKind == JsonValueKind.Null)
            {
                result = result with { TurnDetection = null };
            }
            else if (ApplyTurnDetection(turn, result.TurnDetection ?? TurnDetectionSettings.Balanced, out var vad) is { } vadError)
            {
                return vadError;
            }
            else
            {
                result = result with { TurnDetection = vad };
            }
        }

        merged = result;
        return null;
    }

    private static SettingsError? ApplyTranscription(JsonElement owner, string path, ref SessionSettings result)
    {
        if (JsonStrings.TryGetProperty(owner, "language"u8, out var language))
        {
            switch (language.ValueKind)
            {
                case JsonValueKind.Null:
                    result = result with { Language = null };
                    break;
                case JsonValueKind.String:
                    if (!JsonStrings.TryGetString(language, out var code))
                    {
                        return Invalid($"{path}.language", $"Invalid value: {Show(language)}.");
                    }

                    result = result with { Language = NormaliseLanguage(code) };
                    break;
                default:
                    return Invalid($"{path}.language", $"Invalid value: {Show(language)}. 'language' must be a string.");
            }
        }

        if (JsonStrings.TryGetProperty(owner, "corpus"u8, out var corpus))
        {
            if (corpus.ValueKind == JsonValueKind.Null)
            {
                result = result with { CorpusText = null };
            }
            else if (corpus.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"{path}.corpus", "'corpus' must be an object with a 'text' string.");
            }
            else if (JsonStrings.TryGetProperty(corpus, "text"u8, out var text))
            {
                if (text.ValueKind == JsonValueKind.Null)
                {
                    result = result with { CorpusText = null };
                }
                else if (!JsonStrings.TryGetString(text, out var value))
                {
                    return Invalid($"{path}.corpus.text", text.ValueKind == JsonValueKind.String
                        ? $"Invalid value: {Show(text)}."
                        : $"Invalid value: {Show(text)}. 'corpus.text' must be a string.");
                }
                else
                {
                    var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
                    if (words > SessionSettings.MaxCorpusWords)
                    {
                        return Invalid($"{path}.corpus.text",
                            $"'corpus.text' has {words} words; at most {SessionSettings.MaxCorpusWords} are allowed.");
                    }

                    result = result with { CorpusText = value.Length == 0 ? null : value };
                }
            }
        }

        return null;
    }

    private static SettingsError? ApplyTurnDetection(JsonElement turn, TurnDetectionSettings current, out TurnDetectionSettings merged)
    {
        merged = current;
        if (turn.ValueKind != JsonValueKind.Object)
        {
            return Invalid("session.turn_detection", "'turn_detection' must be an object or null.");
        }

        if (TryGet(turn, "type"u8, out var type) && !(JsonStrings.TryGetString(type, out var name) && name == TurnDetection.ServerVad))
        {
            return Invalid("session.turn_detection.type", $"Invalid value: {Show(type)}. Supported values are: 'server_vad'.");
        }

        var result = current;
        if (TryGet(turn, "threshold"u8, out var threshold))
        {
            if (threshold.ValueKind != JsonValueKind.Number
                || threshold.GetDouble() is < TurnDetectionSettings.MinThreshold or > TurnDetectionSettings.MaxThreshold)
            {
                return Invalid("session.turn_detection.threshold",
                    $"Invalid value: {Show(threshold)}. 'threshold' must be a number between -1 and 1.");
            }

            result = result with { Threshold = threshold.GetDouble() };
        }

        if (TryGet(turn, "silence_duration_ms"u8, out var silence))
        {
            // Accept 400 and 400.0 alike (Gson and Python may write either), but not fractions.
            if (silence.ValueKind != JsonValueKind.Number
                || !silence.TryGetDouble(out var ms) || ms != Math.Floor(ms)
                || ms < TurnDetectionSettings.MinSilenceDurationMs || ms > TurnDetectionSettings.MaxSilenceDurationMs)
            {
                return Invalid("session.turn_detection.silence_duration_ms",
                    $"Invalid value: {Show(silence)}. 'silence_duration_ms' must be an integer between 200 and 6000.");
            }

            result = result with { SilenceDurationMs = (int)ms };
        }

        merged = result;
        return null;
    }

    /// <summary>
    /// "" and "auto" mean automatic detection, as omitting the field does; region tags keep their language
    /// (<c>en-US</c> → <c>en</c>), since the protocol's codes are bare ISO 639 languages.
    /// </summary>
    private static string? NormaliseLanguage(string code)
    {
        code = code.Trim();
        if (code.Length == 0 || code.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var region = code.IndexOfAny(['-', '_']);
        return (region > 0 ? code[..region] : code).ToLowerInvariant();
    }

    /// <summary>A present, non-null property. Null is treated as absent for scalar fields (the SDKs send <c>voice: null</c> and the like).</summary>
    private static bool TryGet(JsonElement owner, ReadOnlySpan<byte> name, out JsonElement value) =>
        JsonStrings.TryGetProperty(owner, name, out value) && value.ValueKind != JsonValueKind.Null;

    private static SettingsError Invalid(string param, string message) => new(param, ErrorCodes.InvalidValue, message);

    /// <summary>
    /// The value as the client sent it, for error messages: a string unescaped and quoted, anything else as raw JSON.
    /// A string that is not valid text is described, not echoed.
    /// </summary>
    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonStrings.TryGetString(value, out var text)
            ? string.Create(CultureInfo.InvariantCulture, $"'{text}'")
            : "a string that is not valid Unicode text (it contains an unpaired UTF-16 surrogate escape such as \\udc00, or invalid UTF-8)",
        // Raw JSON, decoded leniently (invalid UTF-8 becomes U+FFFD): unlike GetRawText, this cannot throw.
        _ => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(value)),
    };
}
