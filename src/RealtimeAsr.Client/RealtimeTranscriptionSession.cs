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
/// <para><b>Cancellation.</b> Cancelling a token passed to a send method never breaks the connection: a send that is
/// still waiting for its turn is abandoned, and a frame that is already being written is completed first (within
/// <see cref="RealtimeAsrClientOptions.SendTimeout"/>), then <see cref="OperationCanceledException"/> is thrown. The
/// session stays open and usable, and disposing it closes with the normal close handshake.</para>
/// <para><b>Mocking.</b> Not sealed, with <see langword="virtual"/> operations and a protected constructor, so a test
/// double can derive from it (see <see cref="RealtimeTranscriptionSession()"/>).</para>
/// </remarks>
public partial class RealtimeTranscriptionSession : IAsyncDisposable
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
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif

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
    private TranscriptionSessionOptions _options;

    // Stopwatch timestamp of the last message from the server: finishing waits as long as the server is talking.
    private long _lastReceivedTimestamp;

    /// <summary>
    /// For test doubles: a session that is not connected (<see cref="State"/> is <see cref="WebSocketState.None"/>);
    /// members that are not overridden behave as on a closed connection, and disposing it is harmless.
    /// </summary>
    protected RealtimeTranscriptionSession()
    {
        _socket = new ClientWebSocket();
        _httpInvoker = new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true);
        _clientOptions = new RealtimeAsrClientOptions();
        _options = new TranscriptionSessionOptions();
        Uri = RealtimeAsrClient.BuildSessionUri(_clientOptions.Endpoint, _clientOptions.Model);
        _logger = NullLogger.Instance;
    }

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
        _options = options;
        _logger = clientOptions.LoggerFactory?.CreateLogger<RealtimeTranscriptionSession>() ?? NullLogger<RealtimeTranscriptionSession>.Instance;
    }

    /// <summary>The URL connected to, including <c>?model=</c>.</summary>
    public virtual Uri Uri { get; }

    /// <summary>
    /// A copy of the options the session was last configured with (changing it changes nothing; use
    /// <see cref="UpdateSessionAsync"/>).
    /// </summary>
    public virtual TranscriptionSessionOptions Options => Volatile.Read(ref _options).Clone();

    /// <summary>The server's session id (<c>session.created.session.id</c>), once received.</summary>
    public virtual string? SessionId => _sessionId;

    /// <summary>The effective configuration the server last reported (<c>session.created</c> or <c>session.updated</c>).</summary>
    public virtual SessionConfiguration? Configuration => _configuration;

    /// <summary>True once <c>session.finished</c> has arrived.</summary>
    public virtual bool IsFinished => _finished;

    /// <summary>The state of the underlying WebSocket.</summary>
    public virtual WebSocketState State => _socket.State;

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
        var apiKey = ApiKeyPolicy.Resolve(clientOptions, uri);
        var handler = new SocketsHttpHandler { ConnectTimeout = clientOptions.ConnectTimeout };
        var capture = new HandshakeFailureCapture(handler);
        var invoker = new HttpMessageInvoker(capture, disposeHandler: true);
        var socket = new ClientWebSocket();
        try
        {
            clientOptions.ConfigureHttpHandler?.Invoke(handler);
            ConfigureHandshake(socket.Options, clientOptions, apiKey);
            clientOptions.ConfigureWebSocket?.Invoke(socket.Options);
        }
        catch
        {
            socket.Dispose();
            invoker.Dispose();
            throw;
        }

        var session = new RealtimeTranscriptionSession(socket, invoker, uri, clientOptions, options.Clone());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(clientOptions.ConnectTimeout);
        try
        {
            await session.OpenSocketAsync(capture, timeout.Token, cancellationToken).ConfigureAwait(false);
            session._receiveLoop = Task.Run(session.ReceiveLoopAsync, CancellationToken.None);
            Log.Connected(session._logger, uri);
            await session.ApplyUpdateAsync(update, timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new RealtimeAsrTimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The server at {uri} did not confirm the session within {clientOptions.ConnectTimeout.TotalSeconds:0.#} s."), exception);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void ConfigureHandshake(ClientWebSocketOptions options, RealtimeAsrClientOptions clientOptions, string? apiKey)
    {
        options.CollectHttpResponseDetails = true;
        if (apiKey is not null)
        {
            options.SetRequestHeader("Authorization", "Bearer " + apiKey);
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
            await _socket.ConnectAsync(Uri, _httpInvoker, timeoutToken).ConfigureAwait(false);
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
    public virtual async IAsyncEnumerable<ServerEvent> ReadEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _readerActive, 1) == 1)
        {
            throw new InvalidOperationException("Events are already being read; a session has one reader at a time.");
        }

        try
        {
            while (await _events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
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
    public virtual async Task CloseAsync(CancellationToken cancellationToken = default)
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
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            // The receive loop ends when the server's close frame arrives.
            await _receiveLoop.WaitAsync(timeout.Token).ConfigureAwait(false);
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
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes and releases the connection; a derived class that holds resources of its own releases them here too.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync(CancellationToken.None).ConfigureAwait(false);
        await _receiveStop.CancelAsync().ConfigureAwait(false);
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
