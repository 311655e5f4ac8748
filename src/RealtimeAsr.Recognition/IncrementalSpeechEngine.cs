namespace RealtimeAsr.Recognition;

/// <summary>
/// An incremental CPU engine (an <see cref="ISpeechRecognizer"/>: feed audio, ask for a hypothesis) as an
/// <see cref="ISpeechEngine"/>: every engine call runs on the session's recognition workers, and successive hypotheses
/// become <c>text</c>/<c>stash</c> through a <see cref="PartialStabilizer"/>.
/// </summary>
/// <param name="name">The configured engine name.</param>
/// <param name="recognizer">The engine; owned by the caller.</param>
/// <param name="capabilities">What it can do; by default its languages and capacity, and nothing more.</param>
public sealed class IncrementalSpeechEngine(string name, ISpeechRecognizer recognizer, EngineCapabilities? capabilities = null) : ISpeechEngine
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>The wrapped engine.</summary>
    public ISpeechRecognizer Recognizer { get; } = recognizer;

    /// <inheritdoc />
    public EngineCapabilities Capabilities { get; } =
        capabilities ?? new EngineCapabilities
        {
            Languages = recognizer.SupportedLanguages,
            Kind = EngineKind.Incremental,
            StreamsPerCore = recognizer.StreamsPerCore,
        };

    /// <inheritdoc />
    public ISpeechEngineSession OpenSession(IRecognitionWorkers workers) => new Session(Recognizer.CreateSession(), workers);

    /// <inheritdoc />
    public async ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        // Taking and returning a decoder loads the model once and leaves a warm decoder for the first utterance.
        using (await Recognizer.StartAsync(new RecognitionOptions(), cancellationToken).ConfigureAwait(false))
        {
        }
    }

    private sealed class Session(IRecognitionSession recognition, IRecognitionWorkers workers) : ISpeechEngineSession
    {
        public async ValueTask<IUtteranceRecognition> StartUtteranceAsync(RecognitionOptions options, CancellationToken cancellationToken) =>
            new Utterance(await recognition.StartUtteranceAsync(options, cancellationToken).ConfigureAwait(false), workers);

        public void Dispose() => recognition.Dispose();
    }

    private sealed class Utterance(IUtteranceDecoder decoder, IRecognitionWorkers workers) : IUtteranceRecognition
    {
        private readonly PartialStabilizer _stabilizer = new();
        private readonly IUtteranceDecoder _decoder = decoder;
        private bool _hasPartials;

        public ValueTask AcceptAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken) =>
            AwaitVoid(workers.RunAsync((_decoder, samples), static s =>
            {
                s._decoder.Accept(s.samples.Span);
                return true;
            }, cancellationToken));

        public async ValueTask<RecognitionPartial?> GetPartialAsync(CancellationToken cancellationToken)
        {
            _hasPartials = true;
            var changed = await workers.RunAsync(this, static u => u._stabilizer.Update(u._decoder.GetPartial()), cancellationToken)
                .ConfigureAwait(false);
            return changed ? Current : null;
        }

        public async ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken)
        {
            var final = await workers.RunAsync(_decoder, static d => d.Complete(), cancellationToken).ConfigureAwait(false);
            if (!_hasPartials)
            {
                // Nothing was shown before: the whole final result is confirmed.
                var transcript = _stabilizer.Complete(final);
                return new RecognitionResult(new RecognitionPartial(transcript, ""), transcript);
            }

            // The final hypothesis is one more snapshot: words it shares with the last partial become confirmed.
            _stabilizer.Update(final);
            return new RecognitionResult(Current, _stabilizer.Complete(final));
        }

        public void Abandon() => _decoder.Abandon();

        public void Dispose() => _decoder.Dispose();

        private RecognitionPartial Current => new(_stabilizer.Text, _stabilizer.Stash);

        private static async ValueTask AwaitVoid(ValueTask<bool> work) => await work.ConfigureAwait(false);
    }
}
