using System.Collections.Concurrent;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>
/// The engine over the generated tiny model: real whisper.cpp decodes at the real cost, with random weights, so the
/// words are nonsense (or none) and the tests check the contract, not the text. One greedy pass (no temperature
/// fallback), since random weights fail every quality check and would be retried five times.
/// </summary>
[Collection(GeneratedModels.Name)]
public sealed class WhisperEngineTests(TestModels models, ITestOutputHelper output)
{
    private const int Rate = RecognitionAudio.SampleRate;

    private static readonly short[] s_speech = TestAudio.LibriVoxClips()[0].Samples;

    [Fact]
    public async Task Warm_up_loads_the_model_once_and_then_the_engine_says_what_it_can_do()
    {
        var logs = new ListLoggerFactory();
        using var engine = new WhisperEngine("whisper-tiny", Options(), logs);
        using var workers = new TestWorkers();
        var before = Assert.Throws<InvalidOperationException>(() => engine.Capabilities);
        Assert.Contains("WarmUpAsync", before.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => engine.OpenSession(workers));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.WarmUpAsync(default).AsTask()));
        await engine.WarmUpAsync(default);

        Assert.Single(logs.Messages, m => m.StartsWith("Loaded Whisper model", StringComparison.Ordinal));
        var capabilities = engine.Capabilities;
        Assert.Equal(EngineKind.Window, capabilities.Kind);
        Assert.True(capabilities.DetectsLanguage);
        Assert.True(capabilities.UsesContext);
        Assert.False(capabilities.DetectsEmotion);
        Assert.Equal(Rate, capabilities.PreferredSampleRate);
        Assert.Equal(WhisperLanguages.Protocol.Where(l => l != "yue").Order(), capabilities.Languages.Order());
        Assert.Equal("tiny", engine.ModelInfo.Size);
        Assert.Equal("whisper-tiny", engine.Name);
    }

    [Fact]
    public async Task A_missing_model_fails_warm_up_naming_the_file_and_the_download_command_and_may_be_retried()
    {
        var path = models.NewPath("not-downloaded-yet.bin");
        using var engine = new WhisperEngine("whisper", Options(o => o.ModelPath = path));

        var e = await Assert.ThrowsAsync<WhisperModelException>(() => engine.WarmUpAsync(default).AsTask());

        Assert.Equal(path, e.ModelPath);
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("realtime-asr models download", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => engine.Capabilities);

        File.Copy(models.TinyPath, path);
        await engine.WarmUpAsync(default);
        Assert.Equal(EngineKind.Window, engine.Capabilities.Kind);
        File.Delete(path);
    }

    [Fact]
    public async Task A_corrupt_model_fails_warm_up_naming_the_file()
    {
        var path = models.NewPath("half-downloaded.bin");
        using (var source = File.OpenRead(models.TinyPath))
        using (var target = File.Create(path))
        {
            source.CopyTo(target);
            target.SetLength(source.Length / 2);
        }

        using var engine = new WhisperEngine("whisper", Options(o => o.ModelPath = path));

        var e = await Assert.ThrowsAsync<WhisperModelException>(() => engine.WarmUpAsync(default).AsTask());
        Assert.Equal(path, e.ModelPath);
        Assert.StartsWith("is truncated", e.Problem, StringComparison.Ordinal);
        Assert.Contains("realtime-asr models download", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_utterance_streams_partials_from_sized_decodes_and_completes_with_one_full_final_decode()
    {
        var (engine, decodes) = await LoadedAsync(Options());
        using var _ = engine;
        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);

        var starting = session.StartUtteranceAsync(new RecognitionOptions("en"), default);
        Assert.True(starting.IsCompletedSuccessfully);
        using var utterance = await starting;
        var partials = new List<RecognitionPartial>();
        // Three seconds of speech in real time: a partial decode after the first second, and more if they are quick.
        for (var at = 0; at < 3 * Rate; at += Rate / 10)
        {
            await utterance.AcceptAsync(s_speech.AsMemory(at, Rate / 10), default);
            if (await utterance.GetPartialAsync(default) is { } partial)
            {
                partials.Add(partial);
            }

            await Task.Delay(100);
        }

        var result = await utterance.CompleteAsync(default);

        var all = decodes.ToArray();
        output.WriteLine($"{all.Length} decodes, {partials.Count} partials; transcript '{result.Transcript}'");
        Assert.Equal(WindowDecodeKind.Final, all[^1].Kind);
        Assert.Equal(0, all[^1].AudioContext);
        Assert.All(all[..^1], d =>
        {
            Assert.Equal(WindowDecodeKind.Partial, d.Kind);
            Assert.InRange(d.AudioContext, 82, 182);
            Assert.Equal(0f, d.TemperatureFallback);
        });
        Assert.NotEmpty(all[..^1]);
        Assert.All(all, d => Assert.Equal("en", d.Language));
        for (var i = 1; i < partials.Count; i++)
        {
            Assert.StartsWith(partials[i - 1].Text, partials[i].Text, StringComparison.Ordinal);
        }

        Assert.StartsWith(partials.LastOrDefault()?.Text ?? "", result.LastPartial.Text, StringComparison.Ordinal);
        Assert.NotNull(result.Transcript);
        Assert.Null(result.Language);
        Assert.Equal(1, engine.PeakConcurrentDecodes);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public async Task Concurrent_utterances_never_decode_more_at_once_than_the_pool_allows(int maxDecodes, int utterances)
    {
        var (engine, decodes) = await LoadedAsync(Options(o =>
        {
            o.MaxConcurrentDecodes = maxDecodes;
            o.Threads = 1;
            o.FinalAudioContext = WhisperAudioContext.Sized;
            o.Streaming.PartialInterval = TimeSpan.FromHours(1);
        }));
        using var _ = engine;
        // More worker slots than decoders: only the pool can hold the decodes back.
        using var workers = new TestWorkers(capacity: utterances + 1);
        var sessions = Enumerable.Range(0, utterances).Select(_ => engine.OpenSession(workers)).ToList();
        var running = new List<IUtteranceRecognition>();
        foreach (var session in sessions)
        {
            var utterance = await session.StartUtteranceAsync(new RecognitionOptions("en"), default);
            await utterance.AcceptAsync(s_speech.AsMemory(0, 3 * Rate / 2), default);
            running.Add(utterance);
        }

        await Task.WhenAll(running.Select(u => u.CompleteAsync(default).AsTask()));

        Assert.Equal(utterances, decodes.Count);
        Assert.InRange(engine.PeakConcurrentDecodes, 1, maxDecodes);
        running.ForEach(u => u.Dispose());
        sessions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Without_a_session_language_a_multilingual_model_detects_one_keeps_it_and_reports_the_protocol_code()
    {
        // Windows of 2 s, so that completing 3 s of audio decodes twice: a cut of 2 s, then the final of the last 1 s.
        var (engine, decodes) = await LoadedAsync(Options(o =>
        {
            o.Streaming = new WindowStreamingOptions
            {
                PartialInterval = TimeSpan.FromHours(1),
                MaxWindow = TimeSpan.FromSeconds(2),
                PauseCutAfter = TimeSpan.FromSeconds(2),
            };
            o.KeepDetectedLanguageAfter = TimeSpan.FromSeconds(1);
            o.FinalAudioContext = WhisperAudioContext.Sized;
        }));
        using var _ = engine;
        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);
        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions(), default);
        await utterance.AcceptAsync(s_speech.AsMemory(0, 3 * Rate), default);

        var result = await utterance.CompleteAsync(default);

        var all = decodes.ToArray();
        Assert.Equal([WindowDecodeKind.Cut, WindowDecodeKind.Final], all.Select(d => d.Kind));
        Assert.Null(all[0].Language);
        var detected = Assert.IsType<string>(all[1].Language);
        output.WriteLine($"detected '{detected}'");
        Assert.Equal(WhisperLanguages.FromWhisper(detected), result.Language);
        Assert.Equal(result.Language, result.LastPartial.Language);
        Assert.NotEqual("tl", result.Language);
        // Detection chooses among the protocol's languages only (Whisper knows 99; the random weights favour others).
        Assert.Contains(result.Language!, engine.Capabilities.Languages);
    }

    [Fact]
    public async Task A_language_the_session_sets_is_used_for_every_decode_in_whispers_terms()
    {
        var (engine, decodes) = await LoadedAsync(Options(o =>
        {
            o.Streaming = new WindowStreamingOptions
            {
                PartialInterval = TimeSpan.FromHours(1),
                MaxWindow = TimeSpan.FromSeconds(1),
                PauseCutAfter = TimeSpan.FromSeconds(1),
            };
            o.FinalAudioContext = WhisperAudioContext.Sized;
        }));
        using var _ = engine;
        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);
        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions("fil", "Maynila, Quezon"), default);
        await utterance.AcceptAsync(s_speech.AsMemory(0, 3 * Rate / 2), default);

        var result = await utterance.CompleteAsync(default);

        var all = decodes.ToArray();
        Assert.Equal([WindowDecodeKind.Cut, WindowDecodeKind.Final], all.Select(d => d.Kind));
        Assert.All(all, d => Assert.Equal("tl", d.Language));
        Assert.Null(result.Language);
        // The context is the prompt; after the cut, what the model said about the first window follows it.
        Assert.Equal("Maynila, Quezon", all[0].Prompt);
        Assert.Matches("^Maynila, Quezon( .+)?$", all[1].Prompt);
        Assert.StartsWith(all[1].Prompt["Maynila, Quezon".Length..].Trim(), result.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_only_model_offers_english_alone_and_refuses_other_languages()
    {
        var (engine, decodes) = await LoadedAsync(Options(o =>
        {
            o.ModelPath = models.EnglishOnlyTinyPath;
            o.Streaming.PartialInterval = TimeSpan.FromHours(1);
            o.FinalAudioContext = WhisperAudioContext.Sized;
        }));
        using var _ = engine;

        Assert.Equal(["en"], engine.Capabilities.Languages);
        Assert.False(engine.Capabilities.DetectsLanguage);
        Assert.False(engine.ModelInfo.IsMultilingual);

        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => session.StartUtteranceAsync(new RecognitionOptions("zh"), default).AsTask());
        Assert.Contains("\"zh\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("English-only", refused.Message, StringComparison.Ordinal);

        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions(), default);
        await utterance.AcceptAsync(s_speech.AsMemory(0, Rate), default);
        var result = await utterance.CompleteAsync(default);

        Assert.Equal("en", Assert.Single(decodes).Language);
        Assert.Null(result.Language);
    }

    [Fact]
    public async Task A_cancelled_completion_starts_no_decode()
    {
        var (engine, decodes) = await LoadedAsync(Options(o => o.Streaming.PartialInterval = TimeSpan.FromHours(1)));
        using var _ = engine;
        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);
        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions("en"), default);
        await utterance.AcceptAsync(s_speech.AsMemory(0, Rate), default);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => utterance.CompleteAsync(new CancellationToken(true)).AsTask());

        Assert.Empty(decodes);
    }

    [Fact]
    public async Task A_completion_cancelled_once_its_decode_has_a_worker_stops_with_the_cancellation()
    {
        var (engine, decodes) = await LoadedAsync(Options(o => o.Streaming.PartialInterval = TimeSpan.FromHours(1)));
        using var _ = engine;
        using var cancel = new CancellationTokenSource();
        engine.DecodeStarting += _ => cancel.Cancel();
        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);
        using var utterance = await session.StartUtteranceAsync(new RecognitionOptions("en"), default);
        await utterance.AcceptAsync(s_speech.AsMemory(0, Rate), default);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => utterance.CompleteAsync(cancel.Token).AsTask());

        Assert.Single(decodes);
        Assert.Equal(1, engine.PeakConcurrentDecodes);
    }

    [Fact]
    public async Task Disposing_the_engine_lets_the_decode_in_flight_finish_and_refuses_new_ones()
    {
        var (engine, decodes) = await LoadedAsync(Options(o => o.Streaming.PartialInterval = TimeSpan.FromHours(1)));
        var decoding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.DecodeStarting += _ => decoding.TrySetResult();
        using var workers = new TestWorkers();
        using var session = engine.OpenSession(workers);
        using var first = await session.StartUtteranceAsync(new RecognitionOptions("en"), default);
        using var second = await session.StartUtteranceAsync(new RecognitionOptions("en"), default);
        await first.AcceptAsync(s_speech.AsMemory(0, Rate), default);
        await second.AcceptAsync(s_speech.AsMemory(0, Rate), default);

        var completing = first.CompleteAsync(default).AsTask();
        await decoding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        engine.Dispose();

        // The model is freed only after this decode returns: no native call on a freed model.
        Assert.NotNull((await completing).Transcript);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.CompleteAsync(default).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.WarmUpAsync(default).AsTask());
        Assert.Throws<ObjectDisposedException>(() => engine.OpenSession(workers));
        Assert.Single(decodes);
    }

    private WhisperEngineOptions Options(Action<WhisperEngineOptions>? configure = null)
    {
        var options = new WhisperEngineOptions
        {
            ModelPath = models.TinyPath,
            Threads = 2,
            MaxConcurrentDecodes = 1,
            TemperatureFallback = 0,
        };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<(WhisperEngine Engine, ConcurrentQueue<WhisperDecodeSettings> Decodes)> LoadedAsync(WhisperEngineOptions options)
    {
        var engine = new WhisperEngine("whisper", options);
        var decodes = new ConcurrentQueue<WhisperDecodeSettings>();
        engine.DecodeStarting = decodes.Enqueue;
        await engine.WarmUpAsync(default);
        return (engine, decodes);
    }
}
