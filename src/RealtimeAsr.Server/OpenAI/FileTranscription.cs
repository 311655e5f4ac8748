using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RealtimeAsr.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Transcribes decoded audio through a <see cref="RealtimeSession"/> of its own, driven as a client would drive it —
/// server VAD on, the language, prompt and (for a narrowband file, 8000) sample rate set by <c>session.update</c>, the
/// audio appended as PCM a second at a time, then <c>session.finish</c> — so that a file goes through the live path's VAD, engine, decoder pool, worker slots and
/// metrics. The session's bounded command queue paces the feeding: audio is appended no faster than it is consumed.
/// </summary>
public sealed class FileTranscription(
    SileroVadModel vadModel,
    RecognitionWorkers workers,
    IOptions<RealtimeSessionOptions> sessionOptions,
    SessionMetrics metrics,
    ILoggerFactory loggerFactory)
{
    /// <summary>
    /// Starts transcribing <paramref name="audio"/> with <paramref name="engine"/> for the API key
    /// <paramref name="apiKeyId"/> (the audio is metered against it); returns once the session has accepted the
    /// settings, then yields each utterance as the session completes it.
    /// </summary>
    /// <exception cref="TranscriptionFailedException">The session refused the language (400), or the server is shutting down (503).</exception>
    public async Task<IAsyncEnumerable<TranscriptSegment>> StartAsync(string model, ISpeechEngine engine, string? apiKeyId, DecodedAudio audio,
        string? language, string? prompt, CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        RealtimeSession session;
        try
        {
            session = new RealtimeSession(model, engine, vadModel, workers, sessionOptions.Value, events.Writer,
                loggerFactory.CreateLogger<RealtimeSession>(), metrics)
            {
                ApiKeyId = apiKeyId,
            };
        }
        catch (ObjectDisposedException)
        {
            throw new TranscriptionFailedException(StatusCodes.Status503ServiceUnavailable, "The server is shutting down; retry later.", null, "server_shutting_down");
        }

        // Ends the session early (the caller left, or the transcription failed), so that it writes no more events nobody reads.
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = RunAsync(session, events.Writer, abandon.Token);
        try
        {
            await session.PostAsync(new UpdateSession(null, Settings(audio.SampleRate, language, prompt)), cancellationToken);
            await foreach (var serverEvent in events.Reader.ReadAllAsync(cancellationToken))
            {
                if (serverEvent is SessionUpdatedEvent)
                {
                    break;
                }

                if (serverEvent is ErrorEvent { Error: var error })
                {
                    throw new TranscriptionFailedException(StatusCodes.Status400BadRequest, error.Message,
                        error.Param?.EndsWith(".language", StringComparison.Ordinal) == true ? "language" : "prompt", "invalid_value");
                }
            }
        }
        catch
        {
            await abandon.CancelAsync();
            session.CompleteInput();
            await run;
            session.Dispose();
            abandon.Dispose();
            throw;
        }

        return ReadSegmentsAsync(session, run, abandon, events.Reader, audio, cancellationToken);
    }

    private static async IAsyncEnumerable<TranscriptSegment> ReadSegmentsAsync(RealtimeSession session, Task run, CancellationTokenSource abandon,
        ChannelReader<ServerEvent> events, DecodedAudio audio, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var feeding = FeedAsync(session, audio, abandon.Token);
        Dictionary<string, long> starts = new(StringComparer.Ordinal);
        Dictionary<string, long> ends = new(StringComparer.Ordinal);
        try
        {
            await foreach (var serverEvent in events.ReadAllAsync(cancellationToken))
            {
                switch (serverEvent)
                {
                    case SpeechStartedEvent started:
                        starts[started.ItemId] = started.AudioStartMs;
                        break;
                    case SpeechStoppedEvent stopped:
                        ends[stopped.ItemId] = stopped.AudioEndMs;
                        break;
                    case TranscriptionCompletedEvent completed when completed.Transcript.Trim().Length > 0:
                        var start = starts.GetValueOrDefault(completed.ItemId);
                        var end = ends.TryGetValue(completed.ItemId, out var stoppedAt) ? stoppedAt : (long)audio.Duration.TotalMilliseconds;
                        yield return new TranscriptSegment(TimeSpan.FromMilliseconds(start), TimeSpan.FromMilliseconds(end), completed.Transcript.Trim(),
                            completed.Language);
                        break;
                    case TranscriptionFailedEvent { Error.Code: ErrorCodes.AudioUnintelligible }:
                        // The VAD heard speech where the engine heard no words: no segment, as OpenAI gives none for noise.
                        break;
                    case TranscriptionFailedEvent failed:
                        throw new TranscriptionFailedException(
                            failed.Error.Code == ErrorCodes.ServerBusy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
                            $"Recognition failed: {failed.Error.Message}", null, failed.Error.Code ?? "server_error");
                    case ErrorEvent error:
                        throw new TranscriptionFailedException(StatusCodes.Status500InternalServerError, $"Recognition failed: {error.Error.Message}", null,
                            error.Error.Code ?? "server_error");
                    case SessionFinishedEvent:
                        yield break;
                }
            }
        }
        finally
        {
            // After session.finished this only stops a feeder that has already ended.
            await abandon.CancelAsync();
            await feeding;
            await run;
            session.Dispose();
            abandon.Dispose();
        }
    }

    private static async Task RunAsync(RealtimeSession session, ChannelWriter<ServerEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await session.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away: the session dropped its work, and nobody reads its events any more.
        }
        finally
        {
            events.TryComplete();
        }
    }

    private static async Task FeedAsync(RealtimeSession session, DecodedAudio audio, CancellationToken cancellationToken)
    {
        var samples = audio.Samples;
        try
        {
            // A second of audio per append.
            for (var offset = 0; offset < samples.Length; offset += audio.SampleRate)
            {
                var count = Math.Min(audio.SampleRate, samples.Length - offset);
                var buffer = ArrayPool<byte>.Shared.Rent(count * 2);
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(2 * i), samples[offset + i]);
                }

                try
                {
                    await session.PostAsync(new AppendAudio(null, buffer, count * 2), cancellationToken);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
            }

            await session.PostAsync(new FinishSession(null), cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // The reader stopped early (the client left, or the session failed): nothing more to feed.
        }
        finally
        {
            session.CompleteInput();
        }
    }

    private static JsonElement Settings(int sampleRate, string? language, string? prompt)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new SessionSettingsUpdate(sampleRate,
            new TranscriptionSettings(language, prompt is null ? null : new CorpusSettings(prompt))),
            FileTranscriptionJsonContext.Default.SessionSettingsUpdate));
        return document.RootElement.Clone();
    }
}
