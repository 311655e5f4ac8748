using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.SpeechToText;

/// <summary>
/// <see cref="ISpeechToTextClient"/> over a <see cref="RealtimeAsrClient"/>. Each request opens one session, streams the
/// audio, finishes and closes. Streaming updates: <c>SessionOpen</c> (session.created), <c>TextUpdating</c> (each partial,
/// text = <c>text</c> + <c>stash</c>), <c>TextUpdated</c> (each utterance's final transcript), <c>Error</c>
/// (error events and failed utterances), <c>SessionClose</c> (session.finished). The protocol event is in
/// <see cref="SpeechToTextResponseUpdate.RawRepresentation"/>; <see cref="SpeechToTextResponseUpdate.ResponseId"/> is the
/// utterance's item id (the session id for session updates).
/// </summary>
/// <remarks>
/// <see cref="SpeechToTextOptions.SpeechLanguage"/> (<c>en-US</c> is sent as <c>en</c>),
/// <see cref="SpeechToTextOptions.SpeechSampleRate"/> and <see cref="SpeechToTextOptions.ModelId"/> override the defaults.
/// The audio must be in the session's format (16 kHz PCM16 mono unless configured otherwise). Thread-safe.
/// <para>Microsoft.Extensions.AI marks its speech-to-text abstraction experimental (MEAI001), so this type is too.</para>
/// </remarks>
[Experimental("MEAI001", UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}")]
public sealed class RealtimeAsrSpeechToTextClient : ISpeechToTextClient
{
    private readonly RealtimeAsrClient _client;
    private readonly TranscriptionSessionOptions _defaults;
    private readonly AudioStreamingOptions? _streaming;
    private readonly SpeechToTextClientMetadata _metadata;

    /// <summary>Wraps <paramref name="client"/>.</summary>
    /// <param name="client">The client to open sessions with.</param>
    /// <param name="defaults">Session options for every request. Default: <see cref="TranscriptionSessionOptions"/>'s defaults.</param>
    /// <param name="streaming">How audio is sent. Default: as fast as possible, 100 ms chunks.</param>
    public RealtimeAsrSpeechToTextClient(RealtimeAsrClient client, TranscriptionSessionOptions? defaults = null, AudioStreamingOptions? streaming = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _defaults = defaults?.Clone() ?? new TranscriptionSessionOptions();
        _streaming = streaming;
        _metadata = new SpeechToTextClientMetadata("qwen-asr-realtime", client.SessionUri, client.Model);
    }

    /// <summary>Transcribes the whole stream; the text is the utterances' final transcripts joined.</summary>
    /// <exception cref="RealtimeAsrErrorException">The server sent an <c>error</c> event.</exception>
    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transcripts = new List<string>();
        var response = new SpeechToTextResponse();
        await foreach (var update in GetStreamingTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == SpeechToTextResponseUpdateKind.SessionOpen)
            {
                response.ResponseId = update.ResponseId;
                response.ModelId = update.ModelId;
            }
            else if (update.Kind == SpeechToTextResponseUpdateKind.TextUpdated)
            {
                transcripts.Add(update.Text);
                response.StartTime ??= update.StartTime;
                response.EndTime = update.EndTime ?? response.EndTime;
            }
            else if (update is { Kind: var kind, RawRepresentation: ErrorEvent error } && kind == SpeechToTextResponseUpdateKind.Error)
            {
                throw new RealtimeAsrErrorException(error);
            }
        }

        response.Contents = [new TextContent(TranscriptJoiner.Join(transcripts))];
        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream,
        SpeechToTextOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var sessionOptions = _defaults.Clone();
        var client = _client;
        if (options is not null)
        {
            if (!string.IsNullOrWhiteSpace(options.SpeechLanguage))
            {
                sessionOptions.Language = options.SpeechLanguage.Split('-', '_')[0].ToLowerInvariant();
            }

            if (options.SpeechSampleRate is { } rate)
            {
                sessionOptions.SampleRate = rate;
            }

            if (!string.IsNullOrWhiteSpace(options.ModelId) && options.ModelId != client.Model)
            {
                client = client.WithModel(options.ModelId);
            }
        }

        var itemStarts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var itemEnds = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        await foreach (var serverEvent in client.StreamAsync(audioSpeechStream, sessionOptions, _streaming, cancellationToken).ConfigureAwait(false))
        {
            switch (serverEvent)
            {
                case SpeechStartedEvent started:
                    itemStarts[started.ItemId] = TimeSpan.FromMilliseconds(started.AudioStartMs);
                    break;
                case SpeechStoppedEvent stopped:
                    itemEnds[stopped.ItemId] = TimeSpan.FromMilliseconds(stopped.AudioEndMs);
                    break;
            }

            if (ToUpdate(serverEvent, client.Model, itemStarts, itemEnds) is { } update)
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
            : serviceType == typeof(RealtimeAsrClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: sessions close when their request ends.</summary>
    public void Dispose()
    {
    }

    private static SpeechToTextResponseUpdate? ToUpdate(
        ServerEvent serverEvent,
        string model,
        Dictionary<string, TimeSpan> itemStarts,
        Dictionary<string, TimeSpan> itemEnds)
    {
        SpeechToTextResponseUpdate? update = serverEvent switch
        {
            SessionCreatedEvent created => new SpeechToTextResponseUpdate
            {
                Kind = SpeechToTextResponseUpdateKind.SessionOpen,
                ResponseId = created.Session.Id,
                ModelId = created.Session.Model ?? model,
            },
            TranscriptionTextEvent partial => new SpeechToTextResponseUpdate(partial.Text + partial.Stash)
            {
                Kind = SpeechToTextResponseUpdateKind.TextUpdating,
                ResponseId = partial.ItemId,
                StartTime = itemStarts.TryGetValue(partial.ItemId, out var partialStart) ? partialStart : null,
                AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    ["text"] = partial.Text,
                    ["stash"] = partial.Stash,
                    ["language"] = partial.Language,
                    ["emotion"] = partial.Emotion,
                },
            },
            TranscriptionCompletedEvent completed => new SpeechToTextResponseUpdate(completed.Transcript)
            {
                Kind = SpeechToTextResponseUpdateKind.TextUpdated,
                ResponseId = completed.ItemId,
                StartTime = itemStarts.TryGetValue(completed.ItemId, out var start) ? start : null,
                EndTime = itemEnds.TryGetValue(completed.ItemId, out var end) ? end : null,
                AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    ["language"] = completed.Language,
                    ["emotion"] = completed.Emotion,
                },
            },
            TranscriptionFailedEvent failed => new SpeechToTextResponseUpdate(
                [new ErrorContent(failed.Error.Message) { ErrorCode = failed.Error.Code, Details = failed.Error.Param }])
            {
                Kind = SpeechToTextResponseUpdateKind.Error,
                ResponseId = failed.ItemId,
            },
            ErrorEvent error => new SpeechToTextResponseUpdate(
                [new ErrorContent(error.Error.Message) { ErrorCode = error.Error.Code, Details = error.Error.Param }])
            {
                Kind = SpeechToTextResponseUpdateKind.Error,
            },
            SessionFinishedEvent => new SpeechToTextResponseUpdate { Kind = SpeechToTextResponseUpdateKind.SessionClose },
            _ => null,
        };
        if (update is not null)
        {
            update.RawRepresentation = serverEvent;
            update.ModelId ??= model;
        }

        return update;
    }
}
