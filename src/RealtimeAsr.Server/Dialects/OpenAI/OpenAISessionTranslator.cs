using System.Buffers;
using System.Globalization;
using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Maps the <c>session</c> object of an OpenAI <c>session.update</c> (GA: <c>session.audio.input.*</c>) or
/// <c>transcription_session.update</c> (beta: <c>input_audio_format</c>, <c>input_audio_transcription</c>, …) onto the
/// <c>session</c> object the session core's <see cref="SessionUpdateMerger"/> reads: the same session logic serves both
/// protocols. Every value is checked here, so the merger never refuses what this produces (the edge's audio format
/// and the session's sample rate cannot drift apart). Like OpenAI's, the update is partial: absent fields keep their values.
/// </summary>
public static class OpenAISessionTranslator
{
    /// <summary>Silence lengths the session's VAD takes; OpenAI's outside it are clamped.</summary>
    private const int MinSilenceMs = TurnDetectionSettings.MinSilenceDurationMs;

    private const int MaxSilenceMs = TurnDetectionSettings.MaxSilenceDurationMs;

    /// <summary>Translates <paramref name="session"/>.</summary>
    /// <param name="eventId">The client's event id.</param>
    /// <param name="session">The <c>session</c> object.</param>
    /// <param name="beta">The beta shape (<c>transcription_session.update</c>) rather than GA.</param>
    /// <param name="current">The echo state so far.</param>
    /// <param name="checkModel">Returns why a transcription model cannot be used on this connection, or <see langword="null"/>.</param>
    /// <param name="next">The echo state after the update (<paramref name="current"/> on error).</param>
    /// <returns>An <see cref="UpdateSession"/> for the session, or a <see cref="RejectEvent"/>.</returns>
    public static SessionCommand Translate(string? eventId, JsonElement session, bool beta, OpenAISessionEcho current,
        Func<string, string?> checkModel, out OpenAISessionEcho next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(checkModel);
        next = current;
        var buffer = new ArrayBufferWriter<byte>(256);
        var echo = current;
        string? error;
        string? param;
        using (var qwen = new Utf8JsonWriter(buffer))
        {
            qwen.WriteStartObject();
            error = session.ValueKind != JsonValueKind.Object
                ? Fail(out param, "session", "'session' must be an object.")
                : beta
                    ? TranslateBeta(session, qwen, ref echo, checkModel, out param)
                    : TranslateGa(session, qwen, ref echo, checkModel, out param);
            if (error is not null)
            {
                return new RejectEvent(eventId, ErrorCodes.InvalidValue, error, param);
            }

            qwen.WriteEndObject();
        }

        next = echo;
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new UpdateSession(eventId, document.RootElement.Clone());
    }

    private static string? TranslateGa(JsonElement session, Utf8JsonWriter qwen, ref OpenAISessionEcho echo,
        Func<string, string?> checkModel, out string? param)
    {
        param = null;
        if (TryGet(session, "type"u8, out var type) && !(JsonStrings.TryGetString(type, out var kind) && kind == "transcription"))
        {
            return Fail(out param, "session.type",
                $"Invalid value: {Show(type)}. Only transcription sessions are served here: 'session.type' must be 'transcription'.");
        }

        if (TryGet(session, "include"u8, out var include))
        {
            echo = echo with { IncludeJson = include.GetRawText() };
        }

        if (!TryGet(session, "audio"u8, out var audio))
        {
            return null;
        }

        if (audio.ValueKind != JsonValueKind.Object)
        {
            return Fail(out param, "session.audio", "'session.audio' must be an object.");
        }

        if (!TryGet(audio, "input"u8, out var input))
        {
            return null;
        }

        if (input.ValueKind != JsonValueKind.Object)
        {
            return Fail(out param, "session.audio.input", "'session.audio.input' must be an object.");
        }

        const string path = "session.audio.input";
        if (TryGet(input, "format"u8, out var format))
        {
            if (ReadGaFormat(format, out var parsed, out param) is { } formatError)
            {
                return formatError;
            }

            WriteFormat(qwen, parsed);
            echo = echo with { Format = parsed };
        }

        return TranslateCommon(input, path, "transcription"u8, "noise_reduction"u8, qwen, ref echo, checkModel, out param);
    }

    private static string? TranslateBeta(JsonElement session, Utf8JsonWriter qwen, ref OpenAISessionEcho echo,
        Func<string, string?> checkModel, out string? param)
    {
        param = null;
        if (TryGet(session, "include"u8, out var include))
        {
            echo = echo with { IncludeJson = include.GetRawText() };
        }

        if (TryGet(session, "input_audio_format"u8, out var format))
        {
            if (!JsonStrings.TryGetString(format, out var name) || OpenAIInputFormats.FromBetaName(name) is not { } parsed)
            {
                return Fail(out param, "session.input_audio_format",
                    $"Invalid value: {Show(format)}. Supported values are: 'pcm16', 'g711_ulaw', 'g711_alaw'.");
            }

            WriteFormat(qwen, parsed);
            echo = echo with { Format = parsed };
        }

        return TranslateCommon(session, "session", "input_audio_transcription"u8, "input_audio_noise_reduction"u8, qwen, ref echo, checkModel, out param);
    }

    /// <summary>The transcription, noise reduction and turn detection, which GA and beta share but for their names.</summary>
    private static string? TranslateCommon(JsonElement owner, string path, ReadOnlySpan<byte> transcriptionName,
        ReadOnlySpan<byte> noiseReductionName, Utf8JsonWriter qwen, ref OpenAISessionEcho echo, Func<string, string?> checkModel, out string? param)
    {
        param = null;
        var transcriptionPath = $"{path}.{System.Text.Encoding.UTF8.GetString(transcriptionName)}";
        if (JsonStrings.TryGetProperty(owner, transcriptionName, out var transcription))
        {
            if (ReadTranscription(transcription, transcriptionPath, qwen, ref echo, checkModel, out param) is { } error)
            {
                return error;
            }
        }

        if (JsonStrings.TryGetProperty(owner, noiseReductionName, out var noise))
        {
            if (noise.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return Fail(out param, $"{path}.{System.Text.Encoding.UTF8.GetString(noiseReductionName)}", "Noise reduction must be an object or null.");
            }

            // Accepted and echoed; the engines get the audio as sent.
            echo = echo with { NoiseReductionJson = noise.ValueKind == JsonValueKind.Null ? null : noise.GetRawText() };
        }

        if (JsonStrings.TryGetProperty(owner, "turn_detection"u8, out var turn))
        {
            return ReadTurnDetection(turn, $"{path}.turn_detection", qwen, ref echo, out param);
        }

        return null;
    }

    private static string? ReadGaFormat(JsonElement format, out OpenAIInputFormat parsed, out string? param)
    {
        parsed = default;
        param = null;
        if (format.ValueKind != JsonValueKind.Object)
        {
            return Fail(out param, "session.audio.input.format", "'format' must be an object such as {\"type\": \"audio/pcm\", \"rate\": 24000}.");
        }

        if (!TryGet(format, "type"u8, out var type) || !JsonStrings.TryGetString(type, out var name)
            || OpenAIInputFormats.FromGaName(name) is not { } known)
        {
            return Fail(out param, "session.audio.input.format.type",
                $"Invalid value: {(TryGet(format, "type"u8, out var shown) ? Show(shown) : "none")}. Supported values are: 'audio/pcm', 'audio/pcmu', 'audio/pcma'.");
        }

        if (TryGet(format, "rate"u8, out var rate)
            && !(rate.ValueKind == JsonValueKind.Number && rate.TryGetDouble(out var hz) && hz == known.WireRate()))
        {
            return Fail(out param, "session.audio.input.format.rate",
                string.Create(CultureInfo.InvariantCulture, $"Invalid value: {Show(rate)}. '{name}' is only supported at {known.WireRate()} Hz."));
        }

        parsed = known;
        return null;
    }

    private static void WriteFormat(Utf8JsonWriter qwen, OpenAIInputFormat format)
    {
        qwen.WriteString("input_audio_format", AudioFormats.Pcm);
        qwen.WriteNumber("sample_rate", format.SessionRate());
    }

    private static string? ReadTranscription(JsonElement transcription, string path, Utf8JsonWriter qwen,
        ref OpenAISessionEcho echo, Func<string, string?> checkModel, out string? param)
    {
        param = null;
        if (transcription.ValueKind == JsonValueKind.Null)
        {
            // No options: automatic language, no prompt (the connection's model stays).
            qwen.WriteNull("input_audio_transcription");
            return null;
        }

        if (transcription.ValueKind != JsonValueKind.Object)
        {
            return Fail(out param, path, "The transcription options must be an object or null.");
        }

        if (TryGet(transcription, "model"u8, out var model))
        {
            if (!JsonStrings.TryGetString(model, out var name))
            {
                return Fail(out param, $"{path}.model", $"Invalid value: {Show(model)}. 'model' must be a string.");
            }

            if (checkModel(name) is { } refusal)
            {
                return Fail(out param, $"{path}.model", refusal);
            }

            echo = echo with { Model = name };
        }

        qwen.WriteStartObject("input_audio_transcription");
        if (JsonStrings.TryGetProperty(transcription, "language"u8, out var language))
        {
            if (language.ValueKind == JsonValueKind.Null)
            {
                qwen.WriteNull("language");
            }
            else if (!JsonStrings.TryGetString(language, out var code))
            {
                return Fail(out param, $"{path}.language", $"Invalid value: {Show(language)}. 'language' must be a string.");
            }
            else
            {
                qwen.WriteString("language", code);
            }
        }

        if (JsonStrings.TryGetProperty(transcription, "prompt"u8, out var prompt))
        {
            if (prompt.ValueKind == JsonValueKind.Null)
            {
                qwen.WriteNull("corpus");
            }
            else if (!JsonStrings.TryGetString(prompt, out var text))
            {
                return Fail(out param, $"{path}.prompt", $"Invalid value: {Show(prompt)}. 'prompt' must be a string.");
            }
            else if (text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > SessionSettings.MaxCorpusWords)
            {
                return Fail(out param, $"{path}.prompt",
                    string.Create(CultureInfo.InvariantCulture, $"'prompt' has more than {SessionSettings.MaxCorpusWords} words."));
            }
            else
            {
                // The prompt biases recognition as the Qwen protocol's corpus text does.
                qwen.WriteStartObject("corpus");
                qwen.WriteString("text", text);
                qwen.WriteEndObject();
            }
        }

        qwen.WriteEndObject();
        return null;
    }

    private static string? ReadTurnDetection(JsonElement turn, string path, Utf8JsonWriter qwen, ref OpenAISessionEcho echo, out string? param)
    {
        param = null;
        if (turn.ValueKind == JsonValueKind.Null)
        {
            qwen.WriteNull("turn_detection");
            return null;
        }

        if (turn.ValueKind != JsonValueKind.Object)
        {
            return Fail(out param, path, "'turn_detection' must be an object or null.");
        }

        var type = "server_vad";
        if (TryGet(turn, "type"u8, out var typeValue))
        {
            if (!JsonStrings.TryGetString(typeValue, out var name) || name is not ("server_vad" or "semantic_vad"))
            {
                return Fail(out param, $"{path}.type", $"Invalid value: {Show(typeValue)}. Supported values are: 'server_vad', 'semantic_vad'.");
            }

            type = name;
        }

        var prefix = echo.PrefixPaddingMs;
        if (TryGet(turn, "prefix_padding_ms"u8, out var padding))
        {
            if (padding.ValueKind != JsonValueKind.Number || !padding.TryGetInt32(out prefix) || prefix < 0)
            {
                return Fail(out param, $"{path}.prefix_padding_ms", $"Invalid value: {Show(padding)}. 'prefix_padding_ms' must be a non-negative integer.");
            }
        }

        qwen.WriteStartObject("turn_detection");
        qwen.WriteString("type", TurnDetection.ServerVad);
        string? eagerness = null;
        if (type == "semantic_vad")
        {
            // No semantic model here: eagerness picks how long a silence ends the turn (docs/OPENAI.md).
            eagerness = "auto";
            if (TryGet(turn, "eagerness"u8, out var eager))
            {
                if (!JsonStrings.TryGetString(eager, out var level) || level is not ("low" or "medium" or "high" or "auto"))
                {
                    return Fail(out param, $"{path}.eagerness", $"Invalid value: {Show(eager)}. Supported values are: 'low', 'medium', 'high', 'auto'.");
                }

                eagerness = level;
            }

            qwen.WriteNumber("silence_duration_ms", SemanticSilenceMs(eagerness));
        }
        else
        {
            if (TryGet(turn, "threshold"u8, out var threshold))
            {
                if (threshold.ValueKind != JsonValueKind.Number || threshold.GetDouble() is < 0 or > 1)
                {
                    return Fail(out param, $"{path}.threshold", $"Invalid value: {Show(threshold)}. 'threshold' must be a number between 0 and 1.");
                }

                qwen.WriteNumber("threshold", threshold.GetDouble());
            }

            if (TryGet(turn, "silence_duration_ms"u8, out var silence))
            {
                if (silence.ValueKind != JsonValueKind.Number || !silence.TryGetDouble(out var ms) || ms != Math.Floor(ms) || ms < 0)
                {
                    return Fail(out param, $"{path}.silence_duration_ms", $"Invalid value: {Show(silence)}. 'silence_duration_ms' must be a non-negative integer.");
                }

                // The session's VAD ends turns after 200–6000 ms of silence; OpenAI allows shorter and longer.
                qwen.WriteNumber("silence_duration_ms", (int)Math.Clamp(ms, MinSilenceMs, MaxSilenceMs));
            }
        }

        qwen.WriteEndObject();
        echo = echo with { VadType = type, Eagerness = eagerness, PrefixPaddingMs = prefix };
        return null;
    }

    /// <summary>The silence that ends a turn for a <c>semantic_vad</c> eagerness: low waits longest.</summary>
    public static int SemanticSilenceMs(string eagerness) => eagerness switch
    {
        "low" => 1500,
        "high" => 400,
        _ => 800,
    };

    private static string Fail(out string? param, string at, string message)
    {
        param = at;
        return message;
    }

    /// <summary>A present, non-null property.</summary>
    private static bool TryGet(JsonElement owner, ReadOnlySpan<byte> name, out JsonElement value) =>
        JsonStrings.TryGetProperty(owner, name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? JsonStrings.TryGetString(value, out var text) ? $"'{text}'" : "a string that is not valid Unicode text"
        : value.GetRawText();
}
