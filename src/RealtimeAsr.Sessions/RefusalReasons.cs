namespace RealtimeAsr.Sessions;

/// <summary>Why a handshake was refused: the <c>realtimeasr.refusal.reason</c> of <see cref="SessionMetrics.SessionRefused"/>.</summary>
public static class RefusalReasons
{
    /// <summary>401: no key, or not one of the configured keys.</summary>
    public const string InvalidApiKey = "invalid_api_key";

    /// <summary>401: a client secret that is forged, altered, expired or already used.</summary>
    public const string InvalidClientSecret = "invalid_client_secret";

    /// <summary>403: a client secret from a request whose <c>Origin</c> is missing, not allowed, or not the one it was issued to.</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>403: a client secret bound to another model than the <c>?model=</c>.</summary>
    public const string ClientSecretModel = "client_secret_model";

    /// <summary>An OpenAI-dialect handshake (<c>/v1/realtime</c>) for anything but <c>intent=transcription</c>.</summary>
    public const string NotTranscription = "not_transcription";

    /// <summary>400: no <c>?model=</c>.</summary>
    public const string MissingModel = "missing_model";

    /// <summary>404: a model the server does not serve.</summary>
    public const string UnknownModel = "unknown_model";

    /// <summary>503: the model's engine is optional and could not start.</summary>
    public const string EngineUnavailable = "engine_unavailable";

    /// <summary>400: a plain HTTP request, not a WebSocket upgrade.</summary>
    public const string NotWebSocket = "not_websocket";

    /// <summary>503: the server carries all the live sessions it can (<c>RealtimeAsr:Limits:MaxSessions</c> or its derived capacity).</summary>
    public const string Capacity = "capacity";

    /// <summary>503: the model has its own limit of live sessions (<c>RealtimeAsr:Limits:Models:&lt;model&gt;:MaxSessions</c>).</summary>
    public const string ModelLimit = "model_limit";

    /// <summary>429: the API key holds its quota of live sessions (<c>RealtimeAsr:Limits:MaxSessionsPerKey</c>).</summary>
    public const string KeyQuota = "key_quota";

    /// <summary>503: the server is shutting down.</summary>
    public const string ShuttingDown = "shutting_down";
}
