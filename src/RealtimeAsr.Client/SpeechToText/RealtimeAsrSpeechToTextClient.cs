using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Client.SpeechToText;

/// <summary>
/// <see cref="ISpeechToTextClient"/> over a <see cref="RealtimeAsrClient"/>. Each request opens one session, streams the
/// audio, finishes and closes.
/// </summary>
/// <remarks>
/// <para><b>Updates combine like Microsoft.Extensions.AI expects.</b> Its <c>ToSpeechToTextResponseAsync()</c> appends the
/// text of every update, so only text that is final is carried as content:</para>
/// <list type="bullet">
/// <item><c>SessionOpen</c> (session.created).</item>
/// <item><c>TextUpdating</c> for each partial result: <b>no text content</b> (<see cref="SpeechToTextResponseUpdate.Text"/>
/// is empty), because a partial is the whole utterance so far and may still be revised. The text to display is in
/// <see cref="SpeechToTextResponseUpdate.AdditionalProperties"/>: <c>"text"</c> (confirmed) followed by <c>"stash"</c> (draft).</item>
/// <item><c>TextUpdated</c> for each utterance's final transcript: the text to append, trimmed and with a leading space
/// when it follows an earlier utterance (none between CJK characters). Appending every update's text therefore gives the
/// same transcript as <see cref="GetTextAsync"/>.</item>
/// <item><c>Error</c> for an <c>error</c> event or a failed utterance, as an <see cref="ErrorContent"/> (code in
/// <see cref="ErrorContent.ErrorCode"/>, parameter in <see cref="ErrorContent.Details"/>).</item>
/// <item><c>SessionClose</c> (session.finished).</item>
/// </list>
/// <para><see cref="SpeechToTextResponseUpdate.ResponseId"/> is the session id on every update; the utterance's item id is
/// in <c>AdditionalProperties["item_id"]</c>, its language and emotion in <c>"language"</c> and <c>"emotion"</c>, and the
/// protocol event in <see cref="SpeechToTextResponseUpdate.RawRepresentation"/>.</para>
/// <para><b>Audio.</b> A WAV stream must be 16-bit PCM mono at 16 or 8 kHz: its header is read, its rate used and the header
/// not sent; any other WAV is refused with <see cref="InvalidDataException"/>. An Ogg stream is sent as Ogg Opus. Anything
/// else is taken as headerless audio in the session's format (16 kHz PCM16 mono unless configured otherwise).
/// <see cref="SpeechToTextOptions.SpeechLanguage"/> (<c>en-US</c> is sent as <c>en</c>),
/// <see cref="SpeechToTextOptions.SpeechSampleRate"/> (for headerless audio) and <see cref="SpeechToTextOptions.ModelId"/>
/// override the defaults. Thread-safe.</para>
/// <para><b>Failures.</b> An <c>error</c> event fails the whole request: <see cref="GetTextAsync"/> throws
/// <see cref="RealtimeAsrErrorException"/>. A failed utterance does not lose the others: <see cref="GetTextAsync"/> returns
/// their text with one <see cref="ErrorContent"/> per failed utterance after the text content, and throws
/// <see cref="RealtimeAsrException"/> only when utterances failed and none produced text.</para>
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

    /// <summary>
    /// Transcribes the whole stream; the text is the utterances' final transcripts joined, followed by an
    /// <see cref="ErrorContent"/> for each utterance that failed.
    /// </summary>
    /// <exception cref="RealtimeAsrErrorException">The server sent an <c>error</c> event.</exception>
    /// <exception cref="RealtimeAsrException">Utterances failed and none was transcribed.</exception>
    /// <exception cref="InvalidDataException">The stream is a WAV file in a format the protocol does not take.</exception>
    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        var failures = new List<ErrorContent>();
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
                text.Append(update.Text);
                response.StartTime ??= update.StartTime;
                response.EndTime = update.EndTime ?? response.EndTime;
            }
            else if (update.Kind == SpeechToTextResponseUpdateKind.Error)
            {
                if (update.RawRepresentation is ErrorEvent error)
                {
                    throw new RealtimeAsrErrorException(error);
                }

                failures.AddRange(update.Contents.OfType<ErrorContent>());
            }
        }

        if (failures.Count > 0 && text.Length == 0)
        {
            var first = failures[0];
            throw new RealtimeAsrException(string.Create(CultureInfo.InvariantCulture,
                $"No speech was transcribed: {failures.Count} utterance(s) failed; the first with {first.ErrorCode}: {first.Message}"));
        }

        response.Contents = [new TextContent(text.ToString()), .. failures];
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

        var audio = await SpeechInput.PrepareAsync(audioSpeechStream, sessionOptions, options?.SpeechSampleRate, cancellationToken).ConfigureAwait(false);
        var context = new UpdateContext(client.Model);
        await foreach (var serverEvent in client.StreamAsync(audio, sessionOptions, _streaming, cancellationToken).ConfigureAwait(false))
        {
            if (context.ToUpdate(serverEvent) is { } update)
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

    /// <summary>What turning one request's events into updates remembers: the session, utterance times, the text so far.</summary>
    private sealed class UpdateContext(string model)
    {
        private readonly Dictionary<string, TimeSpan> _itemStarts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TimeSpan> _itemEnds = new(StringComparer.Ordinal);
        private readonly TranscriptJoiner _joiner = new();
        private string? _sessionId;

        public SpeechToTextResponseUpdate? ToUpdate(ServerEvent serverEvent)
        {
            SpeechToTextResponseUpdate? update = serverEvent switch
            {
                SessionCreatedEvent created => SessionOpen(created),
                SpeechStartedEvent started => Remember(_itemStarts, started.ItemId, started.AudioStartMs),
                SpeechStoppedEvent stopped => Remember(_itemEnds, stopped.ItemId, stopped.AudioEndMs),
                TranscriptionTextEvent partial => new SpeechToTextResponseUpdate
                {
                    Kind = SpeechToTextResponseUpdateKind.TextUpdating,
                    StartTime = StartOf(partial.ItemId),
                    AdditionalProperties = new AdditionalPropertiesDictionary
                    {
                        ["item_id"] = partial.ItemId,
                        ["text"] = partial.Text,
                        ["stash"] = partial.Stash,
                        ["language"] = partial.Language,
                        ["emotion"] = partial.Emotion,
                    },
                },
                TranscriptionCompletedEvent completed => new SpeechToTextResponseUpdate(_joiner.Append(completed.Transcript))
                {
                    Kind = SpeechToTextResponseUpdateKind.TextUpdated,
                    StartTime = StartOf(completed.ItemId),
                    EndTime = _itemEnds.TryGetValue(completed.ItemId, out var end) ? end : null,
                    AdditionalProperties = new AdditionalPropertiesDictionary
                    {
                        ["item_id"] = completed.ItemId,
                        ["language"] = completed.Language,
                        ["emotion"] = completed.Emotion,
                    },
                },
                TranscriptionFailedEvent failed => new SpeechToTextResponseUpdate(
                    [new ErrorContent(failed.Error.Message) { ErrorCode = failed.Error.Code, Details = failed.Error.Param }])
                {
                    Kind = SpeechToTextResponseUpdateKind.Error,
                    AdditionalProperties = new AdditionalPropertiesDictionary { ["item_id"] = failed.ItemId },
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
                update.ResponseId ??= _sessionId;
                update.ModelId ??= model;
            }

            return update;
        }

        private SpeechToTextResponseUpdate SessionOpen(SessionCreatedEvent created)
        {
            _sessionId = created.Session.Id;
            return new SpeechToTextResponseUpdate
            {
                Kind = SpeechToTextResponseUpdateKind.SessionOpen,
                ModelId = created.Session.Model ?? model,
            };
        }

        private TimeSpan? StartOf(string itemId) => _itemStarts.TryGetValue(itemId, out var start) ? start : null;

        private static SpeechToTextResponseUpdate? Remember(Dictionary<string, TimeSpan> times, string itemId, long milliseconds)
        {
            times[itemId] = TimeSpan.FromMilliseconds(milliseconds);
            return null;
        }
    }
}
