using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using RealtimeAsr.Client.Audio;
using RealtimeAsr.Client.Internal;
using RealtimeAsr.Client.SpeechToText;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client;

/// <summary>
/// Entry point to a Qwen-ASR Realtime service — Alibaba Cloud (DashScope / Model Studio) or a self-hosted RealtimeAsr
/// server. Opens <see cref="RealtimeTranscriptionSession"/>s, and transcribes whole streams and files with one call.
/// </summary>
/// <remarks>
/// <para>Thread-safe and cheap: it holds only options; every session has its own connection.</para>
/// <para><b>Mocking.</b> The class is not sealed and its operations are <see langword="virtual"/>, as the Azure SDK
/// guidelines ask: a test double derives from it (the parameterless constructor only builds default options and
/// connects nowhere) and overrides what the code under test calls. <see cref="RealtimeTranscriptionSession"/> is
/// mockable the same way.</para>
/// </remarks>
/// <example>
/// <code>
/// var client = new RealtimeAsrClient(new RealtimeAsrClientOptions { Endpoint = new Uri("ws://localhost:8080/api-ws/v1/realtime") });
/// await foreach (var result in client.TranscribeFileAsync("speech.wav"))
/// {
///     Console.WriteLine($"{result.Kind}: {result.FullText}");
/// }
/// </code>
/// </example>
public class RealtimeAsrClient
{
    /// <summary>The path the official endpoints use, added to an endpoint given without one.</summary>
    public const string DefaultPath = "/api-ws/v1/realtime";

    internal static readonly string UserAgent =
        $"realtime-asr-dotnet/{typeof(RealtimeAsrClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}";

    private readonly RealtimeAsrClientOptions _options;

    /// <summary>A client for Alibaba Cloud with the API key from <c>DASHSCOPE_API_KEY</c>. Also the constructor for test doubles.</summary>
    public RealtimeAsrClient()
        : this(new RealtimeAsrClientOptions())
    {
    }

    /// <summary>A client for <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">e.g. <c>ws://localhost:8080/api-ws/v1/realtime</c> or <see cref="RealtimeAsrClientOptions.DashScopeInternationalEndpoint"/>.</param>
    /// <param name="apiKey">API key; <see langword="null"/> reads <c>DASHSCOPE_API_KEY</c> for Alibaba Cloud's hosts only (see <see cref="RealtimeAsrClientOptions.ApiKey"/>).</param>
    /// <exception cref="ArgumentException">A key would be sent over <c>ws://</c> to a host other than loopback (see <see cref="RealtimeAsrClientOptions.AllowApiKeyOverInsecureTransport"/>).</exception>
    /// <param name="model">Model; default <c>qwen3-asr-flash-realtime</c>.</param>
    public RealtimeAsrClient(Uri endpoint, string? apiKey = null, string model = RealtimeAsrClientOptions.DefaultModel)
        : this(new RealtimeAsrClientOptions { Endpoint = endpoint, ApiKey = apiKey, Model = model })
    {
    }

    /// <summary>A client with the given options (copied; later changes to <paramref name="options"/> do not apply).</summary>
    /// <exception cref="ArgumentException">The options are incomplete, or would send a key over <c>ws://</c> to a host other than loopback (see <see cref="RealtimeAsrClientOptions.AllowApiKeyOverInsecureTransport"/>).</exception>
    public RealtimeAsrClient(RealtimeAsrClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        _options = options.Clone();
        SessionUri = BuildSessionUri(_options.Endpoint, _options.Model);
        try
        {
            // Fail when the client is made, not at the first connection, where the mistake is harder to trace.
            ApiKeyPolicy.Resolve(_options, SessionUri);
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException(exception.Message, nameof(options), exception);
        }
    }

    /// <summary>The URL sessions connect to: the endpoint with <c>?model=</c>.</summary>
    public virtual Uri SessionUri { get; }

    /// <summary>The model sessions use.</summary>
    public virtual string Model => _options.Model;

    /// <summary>
    /// Opens a session and configures it with <paramref name="options"/>; returns once the server confirmed the
    /// configuration (<c>session.updated</c>). Dispose the session to close the connection.
    /// </summary>
    /// <exception cref="RealtimeAsrHandshakeException">The server refused the upgrade (401/403 wrong key, 404 …).</exception>
    /// <exception cref="RealtimeAsrConnectionException">The server could not be reached.</exception>
    /// <exception cref="RealtimeAsrErrorException">The server rejected the configuration.</exception>
    /// <exception cref="RealtimeAsrTimeoutException">No <c>session.updated</c> within <see cref="RealtimeAsrClientOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The key from the environment would go over <c>ws://</c> to a host other than loopback.</exception>
    public virtual Task<RealtimeTranscriptionSession> ConnectAsync(TranscriptionSessionOptions? options = null, CancellationToken cancellationToken = default) =>
        RealtimeTranscriptionSession.ConnectAsync(_options, options ?? new TranscriptionSessionOptions(), cancellationToken);

    /// <summary>
    /// Opens a session, sends all of <paramref name="audio"/> (commits it in Manual mode), finishes, and yields every
    /// server event from <c>session.created</c> to <c>session.finished</c>. <c>error</c> events are yielded, not thrown;
    /// a failure to send (e.g. finish timing out) is thrown. Stopping the enumeration closes the session.
    /// </summary>
    public virtual async IAsyncEnumerable<ServerEvent> StreamAsync(
        Stream audio,
        TranscriptionSessionOptions? options = null,
        AudioStreamingOptions? streaming = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var session = await ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await using var disposeSession = session.ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendAllAsync(session, audio, streaming, stop);
        try
        {
            var events = session.ReadEventsAsync(stop.Token).GetAsyncEnumerator(stop.Token);
            await using var disposeEvents = events.ConfigureAwait(false);
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (sending.IsFaulted && !cancellationToken.IsCancellationRequested)
                {
                    // Sending failed and stopped the reader: its failure is the cause to report.
                    await sending.ConfigureAwait(false);
                    throw;
                }

                yield return events.Current;
                if (events.Current is SessionFinishedEvent)
                {
                    break;
                }
            }

            await sending.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Transcribes <paramref name="audio"/> (in the format of <paramref name="options"/>, default 16 kHz PCM16 mono):
    /// yields partial results while each utterance is recognised and one final result per utterance.
    /// </summary>
    /// <exception cref="RealtimeAsrErrorException">The server sent an <c>error</c> event.</exception>
    public virtual async IAsyncEnumerable<TranscriptionResult> TranscribeAsync(
        Stream audio,
        TranscriptionSessionOptions? options = null,
        AudioStreamingOptions? streaming = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var serverEvent in StreamAsync(audio, options, streaming, cancellationToken).ConfigureAwait(false))
        {
            if (serverEvent is ErrorEvent error)
            {
                throw new RealtimeAsrErrorException(error);
            }

            if (TranscriptionResult.FromEvent(serverEvent) is { } result)
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// Transcribes a file: a WAV file of 16-bit mono PCM at 16 or 8 kHz (its rate is used), or an Ogg Opus file
    /// (sent as <c>opus</c>). Other options (language, VAD) come from <paramref name="options"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is neither, or a WAV in another format.</exception>
    public virtual async IAsyncEnumerable<TranscriptionResult> TranscribeFileAsync(
        string path,
        TranscriptionSessionOptions? options = null,
        AudioStreamingOptions? streaming = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var sessionOptions = options?.Clone() ?? new TranscriptionSessionOptions();
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using var disposeFile = file.ConfigureAwait(false);
        var magic = new byte[4];
        var read = await file.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        Stream audio;
        if (OggPageReader.IsOgg(magic.AsSpan(0, read)))
        {
            sessionOptions.AudioFormat = AudioInputFormat.Opus;
            audio = file;
        }
        else
        {
            WavHeader header;
            try
            {
                header = await WavHeader.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                throw new InvalidDataException($"{path}: not a WAV or Ogg Opus file ({exception.Message})", exception);
            }

            if (!header.IsPcm16Mono || header.SampleRate is not (16000 or 8000))
            {
                throw new InvalidDataException(
                    $"{path}: the audio is {header}; send 16 or 8 kHz mono 16-bit PCM (the realtime-asr CLI converts other WAV files).");
            }

            sessionOptions.AudioFormat = AudioInputFormat.Pcm;
            sessionOptions.SampleRate = header.SampleRate;
            audio = header.DataLength is { } length ? new ReadLimitStream(file, length) : file;
        }

        await foreach (var result in TranscribeAsync(audio, sessionOptions, streaming, cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    /// <summary>
    /// This client as a <c>Microsoft.Extensions.AI</c> <see cref="ISpeechToTextClient"/>: partial results become
    /// <c>TextUpdating</c> updates, finals <c>TextUpdated</c>, plus <c>SessionOpen</c>, <c>SessionClose</c> and <c>Error</c>.
    /// </summary>
    /// <param name="defaults">Session options for every request; <see cref="SpeechToTextOptions"/> may override language, sample rate and model.</param>
    /// <param name="streaming">How audio is sent; default as fast as possible in 100 ms chunks.</param>
    [Experimental("MEAI001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
    public virtual ISpeechToTextClient AsSpeechToTextClient(TranscriptionSessionOptions? defaults = null, AudioStreamingOptions? streaming = null) =>
        new RealtimeAsrSpeechToTextClient(this, defaults, streaming);

    /// <summary>A client like this one for another model.</summary>
    public virtual RealtimeAsrClient WithModel(string model)
    {
        var options = _options.Clone();
        options.Model = model;
        return new RealtimeAsrClient(options);
    }

    /// <summary>Appends the whole stream, commits in Manual mode, finishes; on failure stops the reader so the cause surfaces.</summary>
    private static async Task SendAllAsync(
        RealtimeTranscriptionSession session,
        Stream audio,
        AudioStreamingOptions? streaming,
        CancellationTokenSource stopReading)
    {
        try
        {
            var token = stopReading.Token;
            await session.AppendAudioAsync(audio, streaming, token).ConfigureAwait(false);
            if (session.Options.IsManualMode)
            {
                await session.CommitAsync(token).ConfigureAwait(false);
            }

            await session.FinishAsync(cancellationToken: token).ConfigureAwait(false);
        }
        catch
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><c>&lt;endpoint&gt;?model=&lt;model&gt;</c>, as the official SDKs build it; other query parameters are kept.</summary>
    internal static Uri BuildSessionUri(Uri endpoint, string model)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new ArgumentException($"The endpoint must be an absolute ws:// or wss:// URL, not '{endpoint}'.", nameof(endpoint));
        }

        var builder = new UriBuilder(endpoint)
        {
            Scheme = endpoint.Scheme switch
            {
                "http" => "ws",
                "https" => "wss",
                _ => endpoint.Scheme,
            },
        };
        if (builder.Path is "" or "/")
        {
            builder.Path = DefaultPath;
        }

        var query = builder.Query.TrimStart('?');
        var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("model=", StringComparison.Ordinal));
        builder.Query = string.Join('&', kept.Append("model=" + Uri.EscapeDataString(model)));
        return builder.Uri;
    }
}
