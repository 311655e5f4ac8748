namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// The window-engine utterance driven with a scripted decoder and a manual clock: every decode waits until the test
/// completes it, so what runs when is decided here, not by timing.
/// </summary>
public sealed class WindowUtteranceRecognitionTests
{
    private const int Rate = RecognitionAudio.SampleRate;

    private static int S(double seconds) => (int)(seconds * Rate);

    // Each sample says where it is, so a window's audio can be checked against the utterance.
    private static short SampleAt(long index) => (short)(index % 30011);

    [Fact]
    public async Task Partials_are_handed_out_only_when_asked_for_and_each_only_once()
    {
        using var u = new ScriptedUtterance();
        await u.SendAsync(1);
        var decode = await u.WaitForCallAsync(1);
        Assert.Equal((WindowDecodeKind.Partial, S(1)), (decode.Kind, decode.Audio.Length));
        Assert.Null(await u.GetPartialAsync(default));

        decode.Complete("hello world");
        await u.SettleAsync();

        Assert.Equal(new RecognitionPartial("", "hello world"), await u.GetPartialAsync(default));
        Assert.Null(await u.GetPartialAsync(default));
    }

    [Fact]
    public async Task Without_a_request_for_partials_nothing_is_decoded_until_the_end()
    {
        using var u = new ScriptedUtterance { WantsPartials = false, AutoComplete = request => "words" };
        await u.SendAsync(5);
        Assert.Empty(u.Calls);

        var result = await u.CompleteAsync(default);

        Assert.Equal(WindowDecodeKind.Final, Assert.Single(u.Calls).Kind);
        Assert.Equal("words", result.Transcript);
    }

    [Fact]
    public async Task A_partial_decode_runs_in_the_background_even_when_the_engine_blocks_the_thread_it_starts_on()
    {
        using var gate = new ManualResetEventSlim();
        using var u = new ScriptedUtterance { BlockUntil = gate };
        var accepting = Task.Run(async () => await u.SendAsync(1));

        // The engine's decode holds its thread until the gate opens (as a synchronous native decode does); the
        // caller's AcceptAsync must not wait for it.
        var finished = await Task.WhenAny(accepting, Task.Delay(TimeSpan.FromSeconds(10)));
        gate.Set();
        Assert.Same(accepting, finished);
        await accepting;
    }

    [Fact]
    public async Task Only_one_decode_is_in_flight_and_the_next_covers_all_audio_that_arrived_meanwhile()
    {
        using var u = new ScriptedUtterance();
        await u.SendAsync(1);
        var slow = await u.WaitForCallAsync(1);

        await u.SendAsync(4);
        Assert.Null(await u.GetPartialAsync(default));
        Assert.Single(u.Calls);

        slow.Complete("one");
        await u.SettleAsync();
        Assert.NotNull(await u.GetPartialAsync(default));

        var next = await u.WaitForCallAsync(2);
        Assert.Equal(WindowDecodeKind.Partial, next.Kind);
        Assert.Equal(ScriptedUtterance.Audio(0, S(5)), next.Audio);
        Assert.Equal(1, u.MostInFlight);
    }

    [Fact]
    public async Task The_confirmed_text_never_shrinks()
    {
        using var u = new ScriptedUtterance();
        string[] hypotheses = ["the cat", "the cat sat", "a dog", "the cat sat on", "the cat sat on the mat", "the bat"];
        var texts = new List<string>();
        var calls = 0;
        foreach (var hypothesis in hypotheses)
        {
            await u.SendAsync(1);
            (await u.WaitForCallAsync(++calls)).Complete(hypothesis);
            await u.SettleAsync();
            if (await u.GetPartialAsync(default) is { } partial)
            {
                texts.Add(partial.Text);
            }
        }

        Assert.Equal(hypotheses.Length, u.Calls.Count);
        Assert.Contains("the cat sat on", texts);
        for (var i = 1; i < texts.Count; i++)
        {
            Assert.StartsWith(texts[i - 1], texts[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Completing_waits_for_the_partial_in_flight_discards_it_and_decodes_the_whole_utterance_once()
    {
        using var u = new ScriptedUtterance();
        await u.SendAsync(1);
        (await u.WaitForCallAsync(1)).Complete("early");
        await u.SettleAsync();
        await u.SendAsync(2);
        var inFlight = await u.WaitForCallAsync(2);
        await u.SendAsync(0.5);

        var completing = u.CompleteAsync(default).AsTask();
        Assert.False(completing.IsCompleted);
        Assert.Equal(2, u.Calls.Count);

        inFlight.Complete("early partial words");
        var final = await u.WaitForCallAsync(3);
        Assert.Equal(WindowDecodeKind.Final, final.Kind);
        Assert.Equal(ScriptedUtterance.Audio(0, S(3.5)), final.Audio);
        final.Complete("the final words");

        var result = await completing;
        Assert.Equal("the final words", result.Transcript);
        Assert.Equal(new RecognitionPartial("the final words", ""), result.LastPartial);
        Assert.Equal(3, u.Calls.Count);
    }

    [Fact]
    public async Task A_long_utterance_is_cut_at_the_thirty_second_window_without_dropping_audio()
    {
        using var u = new ScriptedUtterance { AutoComplete = request => $"w{request.Audio.Length / Rate}" };
        for (var second = 0; second < 45; second++)
        {
            await u.SendAsync(1);
        }

        var result = await u.CompleteAsync(default);

        var cut = Assert.Single(u.Calls, c => c.Kind == WindowDecodeKind.Cut);
        var final = Assert.Single(u.Calls, c => c.Kind == WindowDecodeKind.Final);
        Assert.Equal(ScriptedUtterance.Audio(0, S(30)), cut.Audio);
        Assert.Equal(ScriptedUtterance.Audio(S(30), S(45)), final.Audio);
        Assert.Equal("w30", final.PreviousText);
        Assert.Equal("w30 w15", result.Transcript);
        Assert.All(u.Calls, c => Assert.InRange(c.Audio.Length, 1, S(30)));
    }

    [Fact]
    public async Task A_pause_the_model_reports_is_taken_relative_to_its_window()
    {
        // The second window (from 30 s) reports a pause 2 s into it; once it is 15 s long it is cut there, at 32 s.
        using var u = new ScriptedUtterance
        {
            AutoComplete = request => "words",
            AutoPauses = request => request.PreviousText.Length > 0 && request.Audio.Length >= S(3) ? [S(2)] : null,
        };
        for (var second = 0; second < 46; second++)
        {
            await u.SendAsync(1);
        }

        await u.CompleteAsync(default);
        var cuts = u.Calls.Where(c => c.Kind == WindowDecodeKind.Cut).ToList();
        Assert.Equal(2, cuts.Count);
        Assert.Equal(ScriptedUtterance.Audio(0, S(30)), cuts[0].Audio);
        Assert.Equal(ScriptedUtterance.Audio(S(30), S(32)), cuts[1].Audio);
    }

    [Fact]
    public async Task A_failed_partial_decode_is_skipped_and_tried_again_over_all_the_audio()
    {
        using var u = new ScriptedUtterance();
        await u.SendAsync(1);
        (await u.WaitForCallAsync(1)).Fail(new InvalidOperationException("model hiccup"));
        await u.SettleAsync();

        await u.SendAsync(1);

        var retry = await u.WaitForCallAsync(2);
        Assert.Equal(WindowDecodeKind.Partial, retry.Kind);
        Assert.Equal(ScriptedUtterance.Audio(0, S(2)), retry.Audio);
        retry.Complete("recovered");
        await u.SettleAsync();
        Assert.Equal("recovered", (await u.GetPartialAsync(default))?.Stash);
    }

    [Fact]
    public async Task A_failed_final_decode_fails_completion()
    {
        using var u = new ScriptedUtterance();
        await u.SendAsync(0.5);
        var completing = u.CompleteAsync(default).AsTask();

        (await u.WaitForCallAsync(1)).Fail(new InvalidOperationException("model gone"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => completing);
        Assert.Equal("model gone", e.Message);
    }

    [Fact]
    public async Task Disposing_cancels_the_partial_decode_in_flight()
    {
        var u = new ScriptedUtterance();
        await u.SendAsync(1);
        var decode = await u.WaitForCallAsync(1);
        Assert.False(decode.Token.IsCancellationRequested);

        u.Dispose();

        Assert.True(decode.Token.IsCancellationRequested);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => u.GetPartialAsync(default).AsTask());
    }

    [Fact]
    public async Task Disposing_during_completion_cancels_the_final_decode()
    {
        var u = new ScriptedUtterance();
        await u.SendAsync(0.5);
        var completing = u.CompleteAsync(default).AsTask();
        var final = await u.WaitForCallAsync(1);

        u.Dispose();

        Assert.True(final.Token.IsCancellationRequested);
        final.Fail(new OperationCanceledException(final.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => completing);
    }

    [Fact]
    public async Task The_detected_language_is_carried_into_partials_and_the_final()
    {
        using var u = new ScriptedUtterance();
        await u.SendAsync(1);
        (await u.WaitForCallAsync(1)).Complete("guten tag", "de");
        await u.SettleAsync();
        Assert.Equal("de", (await u.GetPartialAsync(default))?.Language);

        var completing = u.CompleteAsync(default).AsTask();
        // The final does not say (it was told the language): the detected one stays.
        (await u.WaitForCallAsync(2)).Complete("guten tag allerseits");
        var result = await completing;

        Assert.Equal("de", result.Language);
        Assert.Equal("de", result.LastPartial.Language);
    }

    /// <summary>A window engine whose decodes finish when the test says so (or at once, with <see cref="AutoComplete"/>).</summary>
    private sealed class ScriptedUtterance(ManualTime time) : WindowUtteranceRecognition(new WindowStreamingOptions(), time)
    {
        private readonly Lock _lock = new();
        private readonly List<Call> _calls = [];
        private readonly SemaphoreSlim _called = new(0);
        private long _sent;
        private int _inFlight;
        private int _mostInFlight;

        public ScriptedUtterance()
            : this(new ManualTime())
        {
        }

        public ManualTime Time => time;

        /// <summary>Answers each decode at once with this text instead of waiting for the test.</summary>
        public Func<WindowDecodeRequest, string>? AutoComplete { get; init; }

        /// <summary>With <see cref="AutoComplete"/>: the pauses each answer reports.</summary>
        public Func<WindowDecodeRequest, IReadOnlyList<long>?>? AutoPauses { get; init; }

        /// <summary>Blocks the thread that starts a decode until this is set.</summary>
        public ManualResetEventSlim? BlockUntil { get; init; }

        public List<Call> Calls
        {
            get
            {
                lock (_lock)
                {
                    return [.. _calls];
                }
            }
        }

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        /// <summary>Whether the caller wants previews, as a VAD session does (it asks for one before sending).</summary>
        public bool WantsPartials { get; init; } = true;

        /// <summary>Sends <paramref name="seconds"/> of audio in 100 ms chunks, in real time on the manual clock.</summary>
        public async Task SendAsync(double seconds)
        {
            if (WantsPartials && _sent == 0)
            {
                Assert.Null(await GetPartialAsync(default));
            }

            for (var sent = 0; sent < S(seconds); sent += S(0.1))
            {
                var chunk = new short[Math.Min(S(0.1), S(seconds) - sent)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = SampleAt(_sent + i);
                }

                _sent += chunk.Length;
                Time.Advance(TimeSpan.FromSeconds(0.1));
                await AcceptAsync(chunk, default);
                if (AutoComplete is not null)
                {
                    // Answered at once: let it finish before the next chunk, as a decode faster than 100 ms would.
                    await SettleAsync();
                }
            }
        }

        public static short[] Audio(int start, int end) => [.. Enumerable.Range(start, end - start).Select(i => SampleAt(i))];

        /// <summary>Waits until the background decode (whose answer the test gave) has finished, as seen by the utterance.</summary>
        public async Task SettleAsync()
        {
            if (BackgroundDecode is { } decode)
            {
                await decode.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        public async Task<Call> WaitForCallAsync(int count)
        {
            while (Calls.Count < count)
            {
                Assert.True(await _called.WaitAsync(TimeSpan.FromSeconds(10)), $"decode {count} never started");
            }

            return Calls[count - 1];
        }

        protected override Task<WindowHypothesis> DecodeAsync(WindowDecodeRequest request, CancellationToken cancellationToken)
        {
            BlockUntil?.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            var call = new Call(request.Kind, request.Audio.ToArray(), request.PreviousText, this, cancellationToken);
            lock (_lock)
            {
                _calls.Add(call);
                _mostInFlight = Math.Max(_mostInFlight, ++_inFlight);
            }

            _called.Release();
            if (AutoComplete is { } answer)
            {
                call.Complete(answer(request), pauses: AutoPauses?.Invoke(request));
            }

            return call.Result;
        }

        internal void Finished()
        {
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }

    private sealed class Call(WindowDecodeKind kind, short[] audio, string previousText, ScriptedUtterance owner, CancellationToken token)
    {
        private readonly TaskCompletionSource<WindowHypothesis> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WindowDecodeKind Kind { get; } = kind;

        public short[] Audio { get; } = audio;

        public string PreviousText { get; } = previousText;

        public CancellationToken Token { get; } = token;

        public Task<WindowHypothesis> Result => _result.Task;

        public void Complete(string text, string? language = null, IReadOnlyList<long>? pauses = null)
        {
            owner.Finished();
            _result.SetResult(new WindowHypothesis(text, language, pauses));
        }

        public void Fail(Exception exception)
        {
            owner.Finished();
            _result.SetException(exception);
        }
    }

    /// <summary>A clock that moves only when the test moves it.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
