using System.Diagnostics;
using System.Diagnostics.Metrics;
using RealtimeAsr.Recognition;

namespace RealtimeAsr.Sessions;

/// <summary>
/// The sessions' instruments on the <c>RealtimeAsr</c> meter: sessions open and refused, utterances and their outcome,
/// audio received, latency of final results, pace of partial results, the engine's real-time factor, errors sent,
/// WebSocket payload bytes and waits for a recognition worker. Callers call the intention-named methods; none of them
/// allocates. Names, units and attributes are listed in docs/OPERATIONS.md, "Metrics and health".
/// </summary>
public sealed class SessionMetrics
{
    /// <summary>The meter every RealtimeAsr instrument belongs to.</summary>
    public const string MeterName = "RealtimeAsr";

    /// <summary>The model a session asked for (<c>?model=</c>), once the server knows it serves it.</summary>
    public const string ModelAttribute = "realtimeasr.model";

    /// <summary>
    /// The API key a session counts against, as its id (<see cref="RealtimeSession.ApiKeyId"/>: a fingerprint, never the
    /// key), on the audio a session received: what a gateway meters its users by.
    /// </summary>
    public const string ApiKeyAttribute = "realtimeasr.api_key";

    private readonly UpDownCounter<long> _activeSessions;
    private readonly Counter<long> _refusedSessions;
    private readonly Counter<long> _utterances;
    private readonly Counter<double> _audioReceived;
    private readonly Histogram<double> _finalLatency;
    private readonly Histogram<double> _partialInterval;
    private readonly Histogram<double> _realTimeFactor;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _payloadBytes;
    private readonly Histogram<double> _workerWait;

    /// <summary>Creates the instruments on the <see cref="MeterName"/> meter of <paramref name="meterFactory"/>.</summary>
    public SessionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _activeSessions = meter.CreateUpDownCounter<long>("realtimeasr.sessions.active", "{session}",
            "Sessions running now (handshake accepted, session.created sent, not ended yet).");
        _refusedSessions = meter.CreateCounter<long>("realtimeasr.sessions.refused", "{session}",
            "Handshakes refused before a session started, by reason.");
        _utterances = meter.CreateCounter<long>("realtimeasr.utterances", "{utterance}",
            "Utterances reported to clients, by outcome: completed, or failed with the error code of the .failed event.");
        _audioReceived = meter.CreateCounter<double>("realtimeasr.audio.received", "s",
            "Duration of the audio clients appended, after decoding, by model and by API key (the key's id).");
        _finalLatency = meter.CreateHistogram("realtimeasr.utterance.final_latency", "s",
            "From the end of an utterance (speech stopped, commit, finish) to its .completed event.",
            advice: Buckets(0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30));
        _partialInterval = meter.CreateHistogram("realtimeasr.utterance.partial_interval", "s",
            "Time between two successive .text events of one item.",
            advice: Buckets(0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5, 10));
        _realTimeFactor = meter.CreateHistogram("realtimeasr.engine.real_time_factor", "1",
            "Per completed utterance: wall time the engine computed for it inside recognition workers, divided by its audio duration.",
            advice: Buckets(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5));
        _errors = meter.CreateCounter<long>("realtimeasr.errors", "{error}",
            "Errors sent to clients: error events and .failed items, by code.");
        _payloadBytes = meter.CreateCounter<long>("realtimeasr.websocket.payload", "By",
            "WebSocket message payload bytes, received from clients and sent to them.");
        _workerWait = meter.CreateHistogram("realtimeasr.recognition.worker_wait", "s",
            "How long a piece of CPU work (audio decoding and VAD, or engine work) waited for a recognition worker.",
            advice: Buckets(0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5));
    }

    /// <summary>A session began (<c>session.created</c> is being sent).</summary>
    public void SessionStarted(string model) => _activeSessions.Add(1, Model(model));

    /// <summary>A session ended, whatever ended it.</summary>
    public void SessionEnded(string model) => _activeSessions.Add(-1, Model(model));

    /// <summary>
    /// A handshake was refused before any session started. <paramref name="reason"/> is a short snake_case word (see
    /// <see cref="RefusalReasons"/>); <paramref name="model"/> only when it is a model the server serves, so a client
    /// cannot make up label values.
    /// </summary>
    public void SessionRefused(string reason, string? model)
    {
        var tags = new TagList { { "realtimeasr.refusal.reason", reason } };
        if (model is not null)
        {
            tags.Add(ModelAttribute, model);
        }

        _refusedSessions.Add(1, tags);
    }

    /// <summary>
    /// Audio was appended: <paramref name="samples"/> at 16 kHz, once decoded, by a session that counts against the key
    /// <paramref name="apiKeyId"/> (<see langword="null"/>: none, on a server without keys or for a page's token).
    /// </summary>
    public void AudioReceived(string model, string? apiKeyId, int samples)
    {
        if (samples > 0)
        {
            var tags = Model(model);
            if (apiKeyId is not null)
            {
                tags.Add(ApiKeyAttribute, apiKeyId);
            }

            _audioReceived.Add((double)samples / RecognitionAudio.SampleRate, tags);
        }
    }

    /// <summary>Whether partial intervals are measured (someone listens); when not, callers skip the timestamps.</summary>
    internal bool MeasuresPartials => _partialInterval.Enabled;

    /// <summary>A <c>.text</c> event followed the item's previous one after <paramref name="interval"/>.</summary>
    public void PartialSent(string model, TimeSpan interval) => _partialInterval.Record(interval.TotalSeconds, Model(model));

    /// <summary>
    /// An utterance ended in <c>.completed</c>, <paramref name="latency"/> after it ended, and the engine computed for
    /// <paramref name="engineTime"/> (wall time inside recognition workers) on <paramref name="samples"/> of audio.
    /// </summary>
    public void UtteranceCompleted(string model, TimeSpan latency, TimeSpan engineTime, long samples)
    {
        var tags = Model(model);
        tags.Add("realtimeasr.outcome", "completed");
        _utterances.Add(1, tags);
        _finalLatency.Record(latency.TotalSeconds, Model(model));
        if (samples > 0)
        {
            _realTimeFactor.Record(engineTime.TotalSeconds * RecognitionAudio.SampleRate / samples, Model(model));
        }
    }

    /// <summary>An utterance ended in <c>.failed</c> with error <paramref name="code"/> (also counted as an error sent).</summary>
    public void UtteranceFailed(string model, string code)
    {
        var tags = Model(model);
        tags.Add("realtimeasr.outcome", "failed");
        tags.Add("error.type", code);
        _utterances.Add(1, tags);
        ErrorSent(model, code);
    }

    /// <summary>An <c>error</c> event with <paramref name="code"/> was sent (or a <c>.failed</c> item).</summary>
    public void ErrorSent(string model, string code)
    {
        var tags = Model(model);
        tags.Add("error.type", code);
        _errors.Add(1, tags);
    }

    /// <summary>A WebSocket message of <paramref name="bytes"/> payload bytes was read from a client.</summary>
    public void BytesReceived(long bytes) => _payloadBytes.Add(bytes, new KeyValuePair<string, object?>("network.io.direction", "receive"));

    /// <summary>A WebSocket message of <paramref name="bytes"/> payload bytes was sent to a client.</summary>
    public void BytesSent(long bytes) => _payloadBytes.Add(bytes, new KeyValuePair<string, object?>("network.io.direction", "transmit"));

    /// <summary>Whether worker waits are measured (someone listens); when not, the workers skip the timestamps.</summary>
    internal bool MeasuresWorkerWaits => _workerWait.Enabled;

    /// <summary>A piece of work waited <paramref name="wait"/> for a recognition worker slot.</summary>
    internal void WorkerWaited(TimeSpan wait) => _workerWait.Record(wait.TotalSeconds);

    private static TagList Model(string model) => new() { { ModelAttribute, model } };

    private static InstrumentAdvice<double> Buckets(params double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };
}
