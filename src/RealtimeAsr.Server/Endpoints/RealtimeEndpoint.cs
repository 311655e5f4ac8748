using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// <c>GET /api-ws/v1/realtime?model=…</c>: checks the caller (<see cref="HandshakeAuthenticator"/>) and the model before
/// the upgrade (so failures are plain HTTP with a JSON body, as the cloud does), then runs a <see cref="RealtimeConnection"/>.
/// </summary>
public sealed partial class RealtimeEndpoint(
    HandshakeAuthenticator authenticator,
    ModelCatalog models,
    SessionAdmission admission,
    SileroVadModel vadModel,
    RecognitionWorkers workers,
    IOptions<RealtimeAsrServerOptions> serverOptions,
    IOptions<RealtimeSessionOptions> sessionOptions,
    IHostApplicationLifetime lifetime,
    SessionMetrics metrics,
    ILoggerFactory loggerFactory)
{
    /// <summary>The path the official SDKs connect to.</summary>
    public const string Path = "/api-ws/v1/realtime";

    private readonly ILogger _logger = loggerFactory.CreateLogger<RealtimeEndpoint>();

    /// <summary>Handles one handshake request.</summary>
    public Task HandleAsync(HttpContext context) => HandleAsync(context, context.Request.Query["model"].ToString(), openAI: false);

    /// <summary>
    /// Handles one handshake for <paramref name="model"/>; <paramref name="openAI"/> selects the OpenAI dialect
    /// (<see cref="OpenAIPath"/>) rather than the Qwen protocol. Everything but the wire dialect is shared.
    /// </summary>
    private async Task HandleAsync(HttpContext context, string model, bool openAI)
    {
        if (!authenticator.TryAuthenticate(context, model, out var caller, out var denied))
        {
            Log.HandshakeRefused(_logger, denied.StatusCode, denied.Reason);
            metrics.SessionRefused(denied.Reason, model: null);
            await RefuseAsync(context, denied.StatusCode, denied.Code, denied.Message);
            return;
        }

        if (openAI && IntentRefusal(context) is { } intentRefusal)
        {
            Log.HandshakeRefused(_logger, StatusCodes.Status400BadRequest, "not a transcription session");
            metrics.SessionRefused(RefusalReasons.NotTranscription, model: null);
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "InvalidParameter", intentRefusal);
            return;
        }

        if (model.Length == 0)
        {
            metrics.SessionRefused(RefusalReasons.MissingModel, model: null);
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "InvalidParameter",
                "Missing query parameter 'model', e.g. ?model=qwen3-asr-flash-realtime.");
            return;
        }

        if (models.Resolve(model) is not { } served)
        {
            Log.HandshakeRefused(_logger, StatusCodes.Status404NotFound, "unknown model");
            // Not the model as a label: a client could make up any number of them.
            metrics.SessionRefused(RefusalReasons.UnknownModel, model: null);
            await RefuseAsync(context, StatusCodes.Status404NotFound, "ModelNotFound",
                $"Model '{model}' is not served here. Models: {string.Join(", ", models.DescribeModels())}.");
            return;
        }

        if (served.Entry is not { Engine: { } engine, Unavailable: null })
        {
            Log.HandshakeRefused(_logger, StatusCodes.Status503ServiceUnavailable, "engine unavailable");
            metrics.SessionRefused(RefusalReasons.EngineUnavailable, model);
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "EngineUnavailable",
                $"Model '{model}' is served by engine '{served.Engine}', which could not start: {served.Entry.Unavailable}");
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            metrics.SessionRefused(RefusalReasons.NotWebSocket, model);
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "InvalidParameter",
                "This endpoint speaks WebSocket only: send a WebSocket upgrade request.");
            return;
        }

        if (!admission.TryAdmit(model, engine, caller.KeyId, out var ticket, out var refusal))
        {
            Log.HandshakeRefused(_logger, refusal.StatusCode, refusal.Reason);
            metrics.SessionRefused(refusal.Reason, model);
            context.Response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await RefuseAsync(context, refusal.StatusCode, refusal.Code, refusal.Message);
            return;
        }

        // The place is held until the connection ends, however it ends.
        using var admitted = ticket;
        var events = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(256)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // The session first: a server that is shutting down refuses it, and the client then gets a plain 503.
        RealtimeSession session;
        try
        {
            lifetime.ApplicationStopping.ThrowIfCancellationRequested();
            session = new RealtimeSession(model, engine, vadModel, workers, sessionOptions.Value, events.Writer,
                loggerFactory.CreateLogger<RealtimeSession>(), metrics)
            {
                ApiKeyId = caller.KeyId,
            };
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            Log.HandshakeRefused(_logger, StatusCodes.Status503ServiceUnavailable, "shutting down");
            metrics.SessionRefused(RefusalReasons.ShuttingDown, model);
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
                "The server is shutting down; connect again later.");
            return;
        }

        using (session)
        {
            var options = serverOptions.Value;
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                SubProtocol = RealtimeSubprotocols.Select(context.WebSockets.WebSocketRequestedProtocols),
                KeepAliveInterval = options.KeepAliveInterval,
                KeepAliveTimeout = options.KeepAliveTimeout,
            });
            using IRealtimeDialect dialect = openAI ? CreateOpenAIDialect(context, model, served.Engine) : QwenDialect.Instance;
            using var connection = new RealtimeConnection(socket, session, events, options, dialect,
                loggerFactory.CreateLogger<RealtimeConnection>());
            await connection.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new HandshakeError(code, message, context.TraceIdentifier), HandshakeJsonContext.Default.HandshakeError);
    }
}
