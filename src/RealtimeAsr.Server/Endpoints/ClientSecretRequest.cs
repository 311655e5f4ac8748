using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace RealtimeAsr.Server;

/// <summary>
/// The parts of an OpenAI GA client-secret request the server honours:
/// <c>{"expires_after": {"anchor": "created_at", "seconds": N}, "session": {"type", "model", "audio": {"input":
/// {"transcription": {"model"}}}}}</c>, all optional; other session fields are accepted and ignored.
/// </summary>
/// <param name="Lifetime">The requested <c>expires_after.seconds</c>, or <see langword="null"/> for the default.</param>
/// <param name="SessionType"><c>transcription</c> (the default) or <c>realtime</c>.</param>
/// <param name="Model">The model the token is bound to, or <see langword="null"/> for any.</param>
public sealed record ClientSecretRequest(TimeSpan? Lifetime, string SessionType, string? Model)
{
    /// <summary>A request's error: the message, the offending field, a code.</summary>
    public sealed record Problem(string Message, string? Param, string Code);

    /// <summary>Reads <paramref name="root"/> (<see langword="null"/>: an empty body, which asks for the defaults).</summary>
    public static bool TryRead(JsonElement? root, [NotNullWhen(true)] out ClientSecretRequest? request, [NotNullWhen(false)] out Problem? problem)
    {
        request = null;
        problem = null;
        if (root is not { } body)
        {
            request = new ClientSecretRequest(null, "transcription", null);
            return true;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            problem = new Problem("The request body must be a JSON object.", null, "invalid_type");
            return false;
        }

        if (!TryReadLifetime(body, out var lifetime, out problem) || !TryReadSession(body, out var type, out var model, out problem))
        {
            return false;
        }

        request = new ClientSecretRequest(lifetime, type, model);
        return true;
    }

    private static bool TryReadLifetime(JsonElement body, out TimeSpan? lifetime, [NotNullWhen(false)] out Problem? problem)
    {
        lifetime = null;
        problem = null;
        if (!body.TryGetProperty("expires_after", out var expiresAfter) || expiresAfter.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (expiresAfter.ValueKind != JsonValueKind.Object)
        {
            problem = new Problem("'expires_after' must be an object: {\"anchor\": \"created_at\", \"seconds\": N}.", "expires_after", "invalid_type");
            return false;
        }

        if (expiresAfter.TryGetProperty("anchor", out var anchor) && anchor.ValueKind != JsonValueKind.Null
            && !(anchor.ValueKind == JsonValueKind.String && anchor.ValueEquals("created_at")))
        {
            problem = new Problem("'expires_after.anchor' must be 'created_at'.", "expires_after.anchor", "invalid_value");
            return false;
        }

        if (!expiresAfter.TryGetProperty("seconds", out var seconds) || seconds.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var shortest = (int)ClientSecretOptions.ShortestRequestedLifetime.TotalSeconds;
        var longest = (int)ClientSecretOptions.LongestRequestedLifetime.TotalSeconds;
        if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt32(out var value) || value < shortest || value > longest)
        {
            problem = new Problem($"'expires_after.seconds' must be an integer from {shortest} to {longest}.", "expires_after.seconds", "invalid_value");
            return false;
        }

        lifetime = TimeSpan.FromSeconds(value);
        return true;
    }

    private static bool TryReadSession(JsonElement body, out string type, out string? model, [NotNullWhen(false)] out Problem? problem)
    {
        type = "transcription";
        model = null;
        problem = null;
        if (!body.TryGetProperty("session", out var session) || session.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (session.ValueKind != JsonValueKind.Object)
        {
            problem = new Problem("'session' must be an object.", "session", "invalid_type");
            return false;
        }

        if (session.TryGetProperty("type", out var typeElement) && typeElement.ValueKind != JsonValueKind.Null)
        {
            if (typeElement.ValueKind != JsonValueKind.String || typeElement.GetString() is not ("transcription" or "realtime"))
            {
                problem = new Problem("'session.type' must be 'transcription' or 'realtime'.", "session.type", "invalid_value");
                return false;
            }

            type = typeElement.GetString()!;
        }

        if (!TryReadString(session, ["model"], "session.model", out var sessionModel, out problem)
            || !TryReadString(session, ["audio", "input", "transcription", "model"], "session.audio.input.transcription.model", out var transcriptionModel, out problem))
        {
            return false;
        }

        if (sessionModel is not null && transcriptionModel is not null && sessionModel != transcriptionModel)
        {
            problem = new Problem($"'session.model' ('{sessionModel}') and 'session.audio.input.transcription.model' ('{transcriptionModel}') "
                + "name different models; a client secret opens one model here. Send one of them.", "session.model", "invalid_value");
            return false;
        }

        model = sessionModel ?? transcriptionModel;
        return true;
    }

    /// <summary>The string at <paramref name="path"/> under <paramref name="parent"/>; absent or null: <see langword="null"/>.</summary>
    private static bool TryReadString(JsonElement parent, string[] path, string name, out string? value, [NotNullWhen(false)] out Problem? problem)
    {
        value = null;
        problem = null;
        var element = parent;
        var at = "session";
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problem = new Problem($"'{at}' must be an object.", at, "invalid_type");
                return false;
            }

            at += "." + segment;
            if (!element.TryGetProperty(segment, out element) || element.ValueKind == JsonValueKind.Null)
            {
                return true;
            }
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            problem = new Problem($"'{name}' must be a non-empty string.", name, "invalid_type");
            return false;
        }

        value = text;
        return true;
    }
}
