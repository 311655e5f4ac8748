using System.Diagnostics;
using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Cli.Commands;
using RealtimeAsr.Cli.Evaluation;
using RealtimeAsr.Cli.Manifests;
using RealtimeAsr.Cli.Reports;
using RealtimeAsr.Client;

namespace RealtimeAsr.Cli.Measurement;

/// <summary>
/// Evaluates one manifest entry: streams its audio in its own session (converted as <c>transcribe</c> converts it),
/// records the events, and scores the joined finals against the reference.
/// </summary>
internal sealed class FileEvaluator(EvalRequest request, TranscriptScorer scorer, EvalProgress progress)
{
    /// <exception cref="EndpointFailureException">The endpoint refused or could not be reached before any event.</exception>
    public async Task<FileReport> EvaluateAsync(ManifestEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(entry, cancellationToken);
        }
        finally
        {
            progress.Finished(entry.Name);
        }
    }

    private async Task<FileReport> RunAsync(ManifestEntry entry, CancellationToken cancellationToken)
    {
        AudioInput audio;
        try
        {
            audio = await AudioInput.OpenAsync(entry.AudioPath, () => throw new NotSupportedException("a manifest entry cannot read standard input"), raw: null, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Failed(entry, FailureMessages.Describe(exception));
        }

        await using (audio)
        {
            var session = audio.SessionOptions(request.Session);
            session.Language ??= entry.Language;
            using var sent = new SendTimeline(audio.CreateTimeline(entry.AudioPath));
            var client = new RealtimeAsrClient(request.ClientOptions());
            var recorder = new SessionRecorder();
            var streaming = new AudioStreamingOptions { PaceInRealTime = request.RealTime, Progress = sent };
            progress.Started(entry.Name, sent, audio.TotalBytes);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await foreach (var serverEvent in client.StreamAsync(audio.Audio, session, streaming, cancellationToken))
                {
                    recorder.Observe(serverEvent, Stopwatch.GetTimestamp());
                    if (recorder.Error is not null)
                    {
                        break;
                    }
                }
            }
            catch (Exception exception) when (!recorder.Connected && exception is RealtimeAsrHandshakeException or RealtimeAsrConnectionException or RealtimeAsrTimeoutException or TimeoutException)
            {
                throw new EndpointFailureException(FailureMessages.Describe(exception), exception);
            }
            catch (Exception exception) when (exception is RealtimeAsrException or TimeoutException or InvalidDataException or IOException)
            {
                return Failed(entry, FailureMessages.Describe(exception));
            }

            if (recorder.Error is { } error)
            {
                return Failed(entry, FailureMessages.Describe(error));
            }

            return Report(entry, recorder, sent, Stopwatch.GetElapsedTime(started));
        }
    }

    private FileReport Report(ManifestEntry entry, SessionRecorder recorder, SendTimeline sent, TimeSpan wall)
    {
        var manual = request.Session.IsManualMode;
        var items = recorder.Utterances.Select(item => new UtteranceReport
        {
            ItemId = item.ItemId,
            Transcript = item.Transcript,
            Failure = item.Failure,
            EndOfSpeechToFinalMs = EndOfSpeechToFinal(item, sent, manual),
            FirstPartialMs = manual ? null : Between(item.SpeechStartedAt, item.FirstTextAt),
            TextEvents = item.TextEvents,
            Revisions = item.Revisions,
        }).ToList();
        var hypothesis = recorder.Hypothesis();
        var score = scorer.Score(entry.Reference, hypothesis);
        var textEvents = items.Sum(item => item.TextEvents);
        var revisions = items.Sum(item => item.Revisions);
        return new FileReport
        {
            Name = entry.Name,
            Language = entry.Language,
            Reference = entry.Reference,
            Hypothesis = hypothesis,
            ScoredReference = score.Reference,
            ScoredHypothesis = score.Hypothesis,
            Words = score.Words,
            Characters = score.Characters,
            Utterances = items.Count,
            FailedUtterances = items.Count(item => item.Failure is not null),
            TextEvents = textEvents,
            Revisions = revisions,
            RevisionRate = textEvents == 0 ? null : (double)revisions / textEvents,
            EndOfSpeechToFinalMs = LatencySummary.Of(items.Where(i => i.EndOfSpeechToFinalMs is not null).Select(i => i.EndOfSpeechToFinalMs!.Value)),
            FirstPartialMs = LatencySummary.Of(items.Where(i => i.FirstPartialMs is not null).Select(i => i.FirstPartialMs!.Value)),
            AudioSeconds = Math.Round(sent.MillisecondsSent / 1000, 3),
            WallSeconds = Math.Round(wall.TotalSeconds, 3),
            Items = items,
        };
    }

    /// <summary>
    /// From the moment the chunk holding the end of speech (<c>speech_stopped</c>'s <c>audio_end_ms</c>) was sent to
    /// <c>.completed</c>. Manual mode, or an utterance the endpoint ended without <c>speech_stopped</c>: from the last
    /// chunk, which the commit (or the finish) follows at once.
    /// </summary>
    private static double? EndOfSpeechToFinal(UtteranceRecord item, SendTimeline sent, bool manual)
    {
        if (item.CompletedAt is not { } completed)
        {
            return null;
        }

        var endSent = !manual && item.SpeechEndMs is { } endMs ? sent.SentAt(endMs) : sent.LastSentAt;
        // The send time is taken just after the append returned, so a very fast answer may precede it by a hair.
        return Between(endSent, completed) is { } latency ? Math.Max(0, latency) : null;
    }

    private static double? Between(long? from, long? to) =>
        from is { } start && to is { } end ? Math.Round(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, 1) : null;

    private static FileReport Failed(ManifestEntry entry, string error) => new()
    {
        Name = entry.Name,
        Language = entry.Language,
        Reference = entry.Reference,
        Error = error,
    };
}
