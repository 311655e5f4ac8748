using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeAsr.Client.Internal;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

/// <summary>
/// One open Qwen-ASR Realtime session: a WebSocket, configured by <c>session.update</c>, that takes audio and yields
/// server events. Open one with <see cref="RealtimeAsrClient.ConnectAsync"/>; dispose it to close the connection.
/// </summary>
/// <remarks>
/// <para><b>Thread safety.</b> One background loop receives every server event. The send methods
/// (<see cref="AppendAudioAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, <see cref="CommitAsync"/>,
/// <see cref="ClearAsync"/>, <see cref="UpdateSessionAsync"/>, <see cref="FinishAsync"/>, <see cref="SendAsync"/>)
/// may be called from any thread, also concurrently with each other (they are serialised) and with
/// <see cref="ReadEventsAsync"/>, which has one reader at a time. The usual shape is one task that appends audio
/// while another reads events.</para>
/// <para><b>Events are buffered</b> from the moment the connection opens (<c>session.created</c> and
/// <c>session.updated</c> included) until read, so a reader that starts late misses nothing; a session whose events
/// are never read keeps them in memory until it is disposed.</para>
/// <para><b>Cancellation.</b> Cancelling a token passed to a send method while the frame is being written aborts the
/// connection, as <see cref="ClientWebSocket"/> does; the streaming helpers check the token between appends, so
/// cancelling them normally ends with a clean close.</para>
/// </remarks>
public sealed partial class RealtimeTranscriptionSession : IAsyncDisposable
{
    /// <summary>Largest audio chunk one <c>append</c> can carry: 15 MiB of base64 is 11.25 MiB of audio.</summary>
    public const int MaxAppendBytes = InputAudioBufferAppendEvent.MaxAudioBase64Length / 4 * 3;

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _httpInvoker;
    private readonly RealtimeAsrClientOptions _clientOptions;
    private readonly ILogger _logger;
    private readonly Channel<ServerEvent> _events =
        Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SemaphoreSlim _updateLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(16 * 1024);
    private readonly CancellationTokenSource _receiveStop = new();
    private readonly Lock _gate = new();

    // Guarded by _gate: the requests that wait for a server reply, and whether the receive loop has ended.
    private TaskCompletionSource<SessionUpdatedEvent>? _pendingUpdate;
    private string? _pendingUpdateEventId;
    private TaskCompletionSource? _pendingFinish;
    private bool _receiveEnded;
    private Exception? _terminalException;

    private Task _receiveLoop = Task.CompletedTask;
    private int _readerActive;
    private int _disposed;
    private volatile bool _closeRequested;
    private volatile bool _finished;
    private volatile SessionConfiguration? _configuration;
    private volatile string? _sessionId;

    private RealtimeTranscriptionSession(
        ClientWebSocket socket,
        HttpMessageInvoker httpInvoker,
        Uri uri,
        RealtimeAsrClientOptions clientOptions,
        TranscriptionSessionOptions options)
    {
        _socket = socket;
        _httpInvoker = httpInvoker;
        Uri = uri;
        _clientOptions = clientOptions;
        Options = options;
        _logger = clientOptions.LoggerFactory?.CreateLogger<RealtimeTranscriptionSession>() ?? NullLogger<RealtimeTranscriptionSession>.Instance;
    }

    /// <summary>The URL connected to, including <c>?model=</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The options the session was last configured with.</summary>
    public TranscriptionSessionOptions Options { get; private set; }

    /// <summary>The server's session id (<c>session.created.session.id</c>), once received.</summary>
    public string? SessionId => _sessionId;

    /// <summary>The effective configuration the server last reported (<c>session.created</c> or <c>session.updated</c>).</summary>
    public SessionConfiguration? Configuration => _configuration;

    /// <summary>True once <c>session.finished</c> has arrived.</summary>
    public bool IsFinished => _finished;

    /// <summary>The state of the underlying WebSocket.</summary>
    public WebSocketState State => _socket.State;

    /// <summary>
    /// Opens a session: WebSocket handshake, then <c>session.update</c> with <paramref name="options"/>, returning
    /// once the server confirmed it with <c>session.updated</c>.
    /// </summary>
    internal static async Task<RealtimeTranscriptionSession> ConnectAsync(
        RealtimeAsrClientOptions clientOptions,
        TranscriptionSessionOptions options,
        CancellationToken cancellationToken)
    {
        var update = options.ToSessionUpdate();
        var uri = RealtimeAsrClient.BuildSessionUri(clientOptions.Endpoint, clientOptions.Model);
        var capture = new HandshakeFailureCapture(new SocketsHttpHandler { ConnectTimeout = clientOptions.ConnectTimeout });
        var invoker = new HttpMessageInvoker(capture, disposeHandler: true);
        var socket = new ClientWebSocket();
        ConfigureHandshake(socket.Options, clientOptions);
        var session = new RealtimeTranscriptionSession(socket, invoker, uri, clientOptions, options.Clone());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(clientOptions.ConnectTimeout);
        try
        {
            await session.OpenSocketAsync(capture, timeout.Token, cancellationToken);
            session._receiveLoop = Task.Run(session.ReceiveLoopAsync, CancellationToken.None);
            Log.Connected(session._logger, uri);
            await session.ApplyUpdateAsync(update, timeout.Token);
            return session;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync();
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The server at {uri} did not confirm the session within {clientOptions.ConnectTimeout.TotalSeconds:0.#} s."));
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private static void ConfigureHandshake(ClientWebSocketOptions options, RealtimeAsrClientOptions clientOptions)
    {
        options.CollectHttpResponseDetails = true;
        var apiKey = string.IsNullOrEmpty(clientOptions.ApiKey)
            ? Environment.GetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable)
            : clientOptions.ApiKey;
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            options.SetRequestHeader("Authorization", "Bearer " + apiKey.Trim());
        }

        if (!string.IsNullOrWhiteSpace(clientOptions.Workspace))
        {
            options.SetRequestHeader("X-DashScope-WorkSpace", clientOptions.Workspace);
        }

        options.SetRequestHeader("User-Agent", RealtimeAsrClient.UserAgent);
        foreach (var (name, value) in clientOptions.Headers)
        {
            options.SetRequestHeader(name, value);
        }
    }

    private async Task OpenSocketAsync(HandshakeFailureCapture capture, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        try
        {
            await _socket.ConnectAsync(Uri, _httpInvoker, timeoutToken);
        }
        catch (WebSocketException exception) when (_socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
        {
            var status = _socket.HttpStatusCode;
            var headers = _socket.HttpResponseHeaders;
            var body = capture.ResponseBody;
            throw new RealtimeAsrHandshakeException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The server refused the connection to {Uri}: HTTP {(int)status} {ReasonPhrase(status)}{DescribeBody(body)}"),
                status,
                string.IsNullOrEmpty(body) ? null : body,
                headers is null ? null : new Dictionary<string, IEnumerable<string>>(headers, StringComparer.OrdinalIgnoreCase),
                exception);
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException or IOException
            || (exception is OperationCanceledException && timeoutToken.IsCancellationRequested && !callerToken.IsCancellationRequested))
        {
            var cause = exception is OperationCanceledException ? "timed out" : Innermost(exception).Message;
            throw new RealtimeAsrConnectionException($"Could not connect to {Uri}: {cause}", exception);
        }
    }

    /// <summary>
    /// Reads the server events in arrival order until the connection closes. One reader at a time; cancelling
    /// <paramref name="cancellationToken"/> stops reading but leaves the session open.
    /// </summary>
    /// <exception cref="RealtimeAsrConnectionException">The connection failed or the server closed it abnormally (after the events received before).</exception>
    /// <exception cref="InvalidOperationException">Another reader is active.</exception>
    public async IAsyncEnumerable<ServerEvent> ReadEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _readerActive, 1) == 1)
        {
            throw new InvalidOperationException("Events are already being read; a session has one reader at a time.");
        }

        try
        {
            while (await _events.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_events.Reader.TryRead(out var serverEvent))
                {
                    yield return serverEvent;
                }
            }

            Exception? failure;
            lock (_gate)
            {
                failure = _terminalException;
            }

            if (failure is not null)
            {
                throw failure;
            }
        }
        finally
        {
            Volatile.Write(ref _readerActive, 0);
        }
    }

    /// <summary>Closes the connection with the WebSocket close handshake (waiting at most <see cref="RealtimeAsrClientOptions.CloseTimeout"/>), then aborts it if needed.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        _closeRequested = true;
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_clientOptions.CloseTimeout);
        try
        {
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            // The receive loop ends when the server's close frame arrives.
            await _receiveLoop.WaitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            Log.CloseHandshakeAbandoned(_logger, exception);
            _socket.Abort();
        }
    }

    /// <summary>Closes the connection (see <see cref="CloseAsync"/>) and releases it. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync(CancellationToken.None);
        await _receiveStop.CancelAsync();
        _socket.Abort();
        await _receiveLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _httpInvoker.Dispose();
        _receiveStop.Dispose();
    }

    private static string ReasonPhrase(HttpStatusCode status) =>
        Enum.IsDefined(status) ? $"({status})" : "";

    /// <summary>The server's explanation: the <c>message</c> of a JSON body, or the start of a text body.</summary>
    private static string DescribeBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return ".";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = json.RootElement.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object
                    ? nested
                    : json.RootElement;
                if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return ": " + message.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: show it as text.
        }

        var text = body.ReplaceLineEndings(" ").Trim();
        return ": " + (text.Length > 200 ? text[..200] + "…" : text);
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
