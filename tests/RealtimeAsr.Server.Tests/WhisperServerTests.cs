using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Protocol;
using RealtimeAsr.Recognition.Whisper;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The Whisper engine through the real server with generated models: the protocol's event sequences in both modes,
/// languages, detection, two models side by side, the decode pool's bound. Random weights say nonsense (or nothing),
/// so these tests check the protocol and the engine's behaviour, not words; the accuracy test needs a real model.
/// </summary>
[Collection(WhisperServer.Name)]
public sealed class WhisperServerTests(WhisperServerFixture server)
{
    private const string ManualSession = """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""";

    [Fact]
    public async Task A_VAD_session_gives_the_protocols_sequence_per_utterance_with_the_detected_language()
    {
        var clips = TestAudio.LibriVoxClips().Take(2).Select(c => c.Samples);
        await using var client = await server.ConnectAsync(WhisperServerFixture.Tiny);
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.Join([.. clips, TestAudio.Silence(1500)], gapMs: 1500)));
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        var items = EventSequenceAssert.Utterances(events, serverVad: true, language: null, mayFail: true);
        Assert.True(items.Count >= 2, $"{items.Count} utterances");
        // No language set: every result reports the one Whisper detected, as a protocol code.
        Assert.All(items, item => Assert.NotEmpty(item.Partials));
        Assert.All(items.SelectMany(i => i.Partials), p => Assert.Contains(p.Language, WhisperLanguages.Protocol));
    }

    [Fact]
    public async Task A_Manual_session_with_a_language_gives_one_item_per_commit_reporting_that_language()
    {
        var clips = TestAudio.LibriVoxClips().Take(2).ToList();
        await using var client = await server.ConnectAsync(WhisperServerFixture.Tiny);
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null,"input_audio_transcription":{"language":"de"}}""");
        foreach (var clip in clips)
        {
            await client.AppendChunkedAsync(TestAudio.ToBytes(clip.Samples));
            await client.CommitAsync();
        }

        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished);

        var items = EventSequenceAssert.Utterances(events, serverVad: false, language: "de", mayFail: true);
        Assert.Equal(clips.Count, items.Count);
    }

    [Fact]
    public async Task Chinese_is_accepted_by_a_Whisper_model_and_refused_by_the_PocketSphinx_one()
    {
        const string Chinese = """{"input_audio_transcription":{"language":"zh"}}""";
        await using var whisper = await server.ConnectAsync(WhisperServerFixture.Tiny);
        await whisper.UpdateAsync(Chinese);
        await using var pocketSphinx = await server.ConnectAsync();
        await pocketSphinx.UpdateAsync(Chinese);

        var updated = await whisper.ReceiveUntilAsync(EventTypes.SessionUpdated);
        Assert.Equal("zh", updated[^1].Root.GetProperty("session").GetProperty("input_audio_transcription").GetProperty("language").GetString());
        var refused = await pocketSphinx.ReceiveUntilAsync(EventTypes.Error);
        Assert.Equal(ErrorCodes.InvalidValue, refused[^1].Root.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_Whisper_models_are_served_side_by_side_each_by_its_own_engine()
    {
        var clip = TestAudio.LibriVoxClips()[0].Samples;
        var sessions = await Task.WhenAll(new[] { WhisperServerFixture.Tiny, WhisperServerFixture.Base }.Select(async model =>
        {
            await using var client = await server.ConnectAsync(model);
            // Cantonese is only in large-v3's vocabulary: the refusal names the engine behind the model.
            await client.UpdateAsync("""{"input_audio_transcription":{"language":"yue"}}""");
            await client.UpdateAsync(ManualSession);
            await client.AppendChunkedAsync(TestAudio.ToBytes(clip));
            await client.CommitAsync();
            await client.FinishAsync();
            return (model, events: await client.ReceiveUntilAsync(EventTypes.SessionFinished));
        }));

        foreach (var (model, events) in sessions)
        {
            var error = Assert.Single(events, e => e.Type == EventTypes.Error);
            Assert.StartsWith($"Invalid value: 'yue'. The '{model}' engine of model '{model}' supports: ",
                error.Root.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            var item = Assert.Single(EventSequenceAssert.Utterances([.. events.Where(e => e.Type != EventTypes.Error)], serverVad: false, language: null, mayFail: true));
            Assert.NotEmpty(item.Partials);
        }
    }

    [Fact]
    public async Task Concurrent_sessions_never_run_more_decodes_at_once_than_the_engines_pool_allows()
    {
        var engine = (WhisperEngine)server.Services.GetRequiredService<EngineRegistry>()[WhisperServerFixture.OneDecode].Engine!;
        var clip = TestAudio.LibriVoxClips()[0].Samples;

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var client = await server.ConnectAsync(WhisperServerFixture.OneDecode);
            await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.Join([clip, TestAudio.Silence(1500)], gapMs: 0)));
            await client.FinishAsync();
            return await client.ReceiveUntilAsync(EventTypes.SessionFinished);
        }));

        Assert.All(results, events => Assert.NotEmpty(EventSequenceAssert.Utterances(events, serverVad: true, language: null, mayFail: true)));
        Assert.Equal(1, engine.PeakConcurrentDecodes);
    }
}
