using System.Net;
using Microsoft.Extensions.Time.Testing;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>
/// The engine's requests against a scripted backend: what a request carries, retries for kept decodes only, partials
/// skipped at the concurrency limit, the timeout, and the circuit breaker opening and closing again.
/// </summary>
public sealed class TranscriptionBackendTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_carries_the_model_language_prompt_format_temperature_key_and_the_window_as_a_wav()
    {
        var backend = new ScriptedBackend((_, _) => Task.FromResult(ScriptedBackend.Json("""{"text":"language German<asr_text>Guten Tag."}""")));
        using var engine = ScriptedBackend.Engine(backend);
        using var session = engine.OpenSession(new NoWorkers());
        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions("de", "Norland Park"), CancellationToken.None);
        short[] samples = [.. Enumerable.Range(0, 8000).Select(i => (short)(i % 200))];

        await utterance.AcceptAsync(samples, CancellationToken.None);
        var result = await utterance.CompleteAsync(CancellationToken.None);

        Assert.Equal("Guten Tag.", result.Transcript);
        // The session set the language: the header's is not reported over it.
        Assert.Null(result.Language);
        var request = Assert.Single(backend.Requests);
        Assert.Equal("http://backend.test/v1/audio/transcriptions", request.Uri.ToString());
        Assert.Equal("Bearer backend-key", request.Authorization);
        Assert.Equal("asr-model", request.Fields["model"]);
        Assert.Equal("de", request.Fields["language"]);
        Assert.Equal("Norland Park", request.Fields["prompt"]);
        Assert.Equal("json", request.Fields["response_format"]);
        Assert.Equal("0", request.Fields["temperature"]);
        Assert.Equal(WavFile.Encode(samples), request.File);
    }

    [Fact]
    public async Task Without_a_language_none_is_sent_and_the_one_the_backend_names_is_reported()
    {
        var backend = new ScriptedBackend((_, _) => Task.FromResult(ScriptedBackend.Json("""{"text":"language English<asr_text>Hello."}""")));
        using var engine = ScriptedBackend.Engine(backend, o => o.ApiKey = "");
        using var session = engine.OpenSession(new NoWorkers());
        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions(), CancellationToken.None);

        await utterance.AcceptAsync(new short[16000], CancellationToken.None);
        var result = await utterance.CompleteAsync(CancellationToken.None);

        Assert.Equal(("Hello.", "en"), (result.Transcript, result.Language));
        var request = Assert.Single(backend.Requests);
        Assert.False(request.Fields.ContainsKey("language"));
        Assert.False(request.Fields.ContainsKey("prompt"));
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task A_final_is_retried_after_a_transient_failure_and_a_partial_is_not()
    {
        var calls = 0;
        var backend = new ScriptedBackend((_, _) => Task.FromResult(Interlocked.Increment(ref calls) % 2 == 1
            ? ScriptedBackend.Json("""{"error":{"message":"busy"}}""", HttpStatusCode.ServiceUnavailable)
            : ScriptedBackend.Json("""{"text":"hello"}""")));
        using var engine = ScriptedBackend.Engine(backend);

        var final = await engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, CancellationToken.None);
        Assert.Equal("hello", final.Text);
        Assert.Equal(2, backend.Requests.Count);

        var partial = await Assert.ThrowsAsync<RecognitionFailedException>(() =>
            engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Partial), null, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.BackendUnavailable, partial.Code);
        Assert.Equal("The backend of engine 'remote' failed (HTTP 503: busy).", partial.Message);
        Assert.Equal(3, backend.Requests.Count);
    }

    [Fact]
    public async Task A_final_that_keeps_failing_fails_after_its_retries_with_the_backends_reason()
    {
        var backend = new ScriptedBackend((_, _) => Task.FromResult(ScriptedBackend.Json("{}", HttpStatusCode.BadGateway)));
        using var engine = ScriptedBackend.Engine(backend, o => o.Retries = 3);

        var failure = await Assert.ThrowsAsync<RecognitionFailedException>(() =>
            engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, CancellationToken.None));

        Assert.Equal(ErrorCodes.BackendUnavailable, failure.Code);
        Assert.Equal(4, backend.Requests.Count);
    }

    [Fact]
    public async Task A_refused_key_is_not_retried()
    {
        var backend = new ScriptedBackend((_, _) => Task.FromResult(ScriptedBackend.Json("""{"error":{"message":"bad key"}}""", HttpStatusCode.Unauthorized)));
        using var engine = ScriptedBackend.Engine(backend);

        var failure = await Assert.ThrowsAsync<RecognitionFailedException>(() =>
            engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, CancellationToken.None));

        Assert.Equal(ErrorCodes.BackendUnauthorized, failure.Code);
        Assert.Single(backend.Requests);
    }

    [Fact]
    public async Task At_the_concurrency_limit_a_partial_is_skipped_at_once_and_a_final_waits_its_turn()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backend = new ScriptedBackend(async (_, token) =>
        {
            await release.Task.WaitAsync(token);
            return ScriptedBackend.Json("""{"text":"done"}""");
        });
        using var engine = ScriptedBackend.Engine(backend, o => o.MaxConcurrentRequests = 1);

        var first = engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, CancellationToken.None);
        Assert.True(SpinWait.SpinUntil(() => backend.Requests.Count == 1, s_bound));
        var skipped = await Assert.ThrowsAsync<RecognitionFailedException>(() =>
            engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Partial), null, null, CancellationToken.None));
        var second = engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Cut), null, null, CancellationToken.None);

        Assert.Equal(ErrorCodes.ServerBusy, skipped.Code);
        Assert.False(second.IsCompleted);
        Assert.Single(backend.Requests);
        release.SetResult();
        Assert.Equal("done", (await first.WaitAsync(s_bound)).Text);
        Assert.Equal("done", (await second.WaitAsync(s_bound)).Text);
        Assert.Equal(2, backend.Requests.Count);
        Assert.Equal(0, engine.Backend.RequestsInFlight);
    }

    [Fact]
    public async Task A_backend_that_does_not_answer_in_time_fails_with_backend_timeout()
    {
        var backend = new ScriptedBackend(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ScriptedBackend.Json("{}");
        });
        using var engine = ScriptedBackend.Engine(backend, o => (o.Timeout, o.Retries) = (TimeSpan.FromMilliseconds(100), 1));

        var failure = await Assert.ThrowsAsync<RecognitionFailedException>(() =>
            engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, CancellationToken.None).WaitAsync(s_bound));

        Assert.Equal(ErrorCodes.BackendTimeout, failure.Code);
        Assert.Equal("The backend of engine 'remote' did not answer within 0.1 s.", failure.Message);
        Assert.Equal(2, backend.Requests.Count);
    }

    [Fact]
    public async Task An_answer_too_large_to_be_a_transcript_fails_without_being_read_whole()
    {
        var huge = $$"""{"text":"{{new string('a', TranscriptionBackend.MaxAnswerBytes)}}"}""";
        var backend = new ScriptedBackend((_, _) => Task.FromResult(ScriptedBackend.Json(huge)));
        using var engine = ScriptedBackend.Engine(backend, o => o.Retries = 0);

        var failure = await Assert.ThrowsAsync<RecognitionFailedException>(() =>
            engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, CancellationToken.None));

        Assert.Equal(ErrorCodes.BackendUnavailable, failure.Code);
        Assert.Equal("The backend of engine 'remote' failed (its answer is larger than this server reads).", failure.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_backend_failure()
    {
        var backend = new ScriptedBackend(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ScriptedBackend.Json("{}");
        });
        using var engine = ScriptedBackend.Engine(backend);
        using var cancel = new CancellationTokenSource();

        var request = engine.Backend.TranscribeAsync(ScriptedBackend.Window(WindowDecodeKind.Final), null, null, cancel.Token);
        Assert.True(SpinWait.SpinUntil(() => !backend.Requests.IsEmpty, s_bound));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(s_bound));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_once_the_backend_answers_again()
    {
        // The breaker's clock is a fake one, so that a slow machine cannot let the break pass before the test looks.
        var time = new FakeTimeProvider();
        var failing = true;
        var backend = new ScriptedBackend((_, _) => Task.FromResult(Volatile.Read(ref failing)
            ? ScriptedBackend.Json("{}", HttpStatusCode.InternalServerError)
            : ScriptedBackend.Json("""{"text":"back"}""")));
        using var engine = ScriptedBackend.Engine(backend, o =>
        {
            o.Retries = 0;
            o.CircuitBreaker.MinimumThroughput = 2;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        }, time);
        var final = ScriptedBackend.Window(WindowDecodeKind.Final);

        for (var i = 0; i < 2; i++)
        {
            var failed = await Assert.ThrowsAsync<RecognitionFailedException>(() => engine.Backend.TranscribeAsync(final, null, null, CancellationToken.None));
            Assert.Contains("HTTP 500", failed.Message, StringComparison.Ordinal);
        }

        var open = await Assert.ThrowsAsync<RecognitionFailedException>(() => engine.Backend.TranscribeAsync(final, null, null, CancellationToken.None));
        Assert.Equal(ErrorCodes.BackendUnavailable, open.Code);
        Assert.Contains("given a rest", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, backend.Requests.Count);

        // Still open just before the break ends, even with the backend back.
        Volatile.Write(ref failing, false);
        time.Advance(TimeSpan.FromSeconds(4.9));
        open = await Assert.ThrowsAsync<RecognitionFailedException>(() => engine.Backend.TranscribeAsync(final, null, null, CancellationToken.None));
        Assert.Contains("given a rest", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, backend.Requests.Count);

        // Then one trial request goes through, and its success closes the circuit.
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal("back", (await engine.Backend.TranscribeAsync(final, null, null, CancellationToken.None)).Text);
        Assert.Equal("back", (await engine.Backend.TranscribeAsync(final, null, null, CancellationToken.None)).Text);
        Assert.Equal(4, backend.Requests.Count);
    }

    /// <summary>The engine runs no CPU work of its own on the recognition workers.</summary>
    private sealed class NoWorkers : IRecognitionWorkers
    {
        public ValueTask<T> RunAsync<TState, T>(TState state, Func<TState, T> work, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The OpenAI engine does not use the recognition workers.");
    }
}
