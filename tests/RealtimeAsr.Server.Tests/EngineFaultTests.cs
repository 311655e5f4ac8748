using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// An engine that throws on one utterance, through a real server: that item ends in <c>.failed</c> with
/// <c>recognition_failed</c>, the session goes on, and its next utterance gets the real engine's transcript.
/// </summary>
[Collection(OwnServers.Name)]
public sealed class EngineFaultTests
{
    [Fact]
    public async Task An_engine_fault_fails_that_item_and_the_next_utterance_is_transcribed()
    {
        FaultyRecognizer? faulty = null;
        await using var app = RealtimeAsrServerHost.Build(
            ["--urls", "http://127.0.0.1:0", $"--RealtimeAsr:ApiKeys:0={ServerFixture.ApiKey}", "--Logging:LogLevel:Default=Critical"],
            builder => builder.Services.AddSingleton<ISpeechRecognizer>(sp => faulty = new FaultyRecognizer(
                new PocketSphinxRecognizer(sp.GetRequiredService<IOptions<PocketSphinxOptions>>().Value))));
        await app.StartAsync();
        var clips = TestAudio.LibriVoxClips();

        await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""");
        faulty!.FailNextCompletion = true;
        await client.AppendChunkedAsync(TestAudio.ToBytes(clips[1].Samples));
        await client.CommitAsync("event_commit_1");
        await client.AppendChunkedAsync(TestAudio.ToBytes(clips[2].Samples));
        await client.CommitAsync("event_commit_2");
        await client.FinishAsync();
        var events = (await client.ReceiveUntilAsync(EventTypes.SessionFinished)).Select(e => e.Event).ToList();

        var failed = Assert.Single(events.OfType<TranscriptionFailedEvent>());
        Assert.Equal(ErrorCodes.RecognitionFailed, failed.Error.Code);
        var completed = Assert.Single(events.OfType<TranscriptionCompletedEvent>());
        Assert.NotEqual(failed.ItemId, completed.ItemId);
        // The failed utterance still adapted the session (docs/ACCURACY.md), so the next one may differ a little from the
        // engine's transcript of the clip alone.
        var alone = await DirectEngine.TranscribeAsync(faulty.Inner, clips[2].Samples);
        Assert.True(WordErrorRate.Compute(alone, completed.Transcript) <= 0.25, $"'{completed.Transcript}' against '{alone}'");
        Assert.DoesNotContain(events, e => e is ErrorEvent);
    }

    /// <summary>The real engine, except that the completion after <see cref="FailNextCompletion"/> is set throws.</summary>
    private sealed class FaultyRecognizer(PocketSphinxRecognizer inner) : ISpeechRecognizer, IDisposable
    {
        private int _failNext;

        public PocketSphinxRecognizer Inner => inner;

        public bool FailNextCompletion
        {
            set => Volatile.Write(ref _failNext, value ? 1 : 0);
        }

        public string Name => inner.Name;

        public IReadOnlySet<string> SupportedLanguages => inner.SupportedLanguages;

        public IRecognitionSession CreateSession() => new Session(this, inner.CreateSession());

        public async ValueTask<IUtteranceDecoder> StartAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
            new Utterance(this, await inner.StartAsync(options, cancellationToken));

        public void Dispose() => inner.Dispose();

        private bool TakeFailure() => Interlocked.Exchange(ref _failNext, 0) == 1;

        private sealed class Session(FaultyRecognizer owner, IRecognitionSession inner) : IRecognitionSession
        {
            public async ValueTask<IUtteranceDecoder> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
                new Utterance(owner, await inner.StartUtteranceAsync(options, cancellationToken));

            public void Dispose() => inner.Dispose();
        }

        private sealed class Utterance(FaultyRecognizer owner, IUtteranceDecoder inner) : IUtteranceDecoder
        {
            public void Accept(ReadOnlySpan<short> samples) => inner.Accept(samples);

            public string GetPartial() => inner.GetPartial();

            public string Complete()
            {
                if (owner.TakeFailure())
                {
                    inner.Abandon();
                    throw new InvalidOperationException("Injected engine fault.");
                }

                return inner.Complete();
            }

            public void Abandon() => inner.Abandon();

            public void Dispose() => inner.Dispose();
        }
    }
}
