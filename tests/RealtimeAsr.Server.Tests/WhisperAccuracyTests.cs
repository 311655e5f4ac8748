using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// Accuracy of the Whisper engine through the server on the LibriVox clips, with a real model: its path in
/// <c>REALTIMEASR_WHISPER_MODEL</c> (none can be downloaded on the build machines; generated models say nonsense).
/// </summary>
public sealed class WhisperAccuracyTests
{
    public const string ModelVariable = "REALTIMEASR_WHISPER_MODEL";

    // Whisper tiny's published LibriSpeech test-clean WER is about 0.07 (base 0.05); the bound leaves room for five
    // short clips and our segmentation, and still fails a broken path (PocketSphinx scores about 0.3 here).
    private const double MaxWordErrorRate = 0.2;

    [RealWhisperModelFact]
    public async Task The_LibriVox_clips_are_transcribed_within_the_bound_through_the_server()
    {
        var modelPath = Environment.GetEnvironmentVariable(ModelVariable)!;
        await using var app = await ConfiguredServer.StartAsync(
            "--RealtimeAsr:Engines:real:Type=whisper", $"--RealtimeAsr:Engines:real:ModelPath={modelPath}", "--RealtimeAsr:DefaultEngine=real");
        var clips = TestAudio.LibriVoxClips();
        List<string> transcripts = [];
        foreach (var clip in clips)
        {
            await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
            await client.UpdateAsync("""{"input_audio_transcription":{"language":"en"}}""");
            await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.Join([clip.Samples, TestAudio.Silence(1500)], gapMs: 0)));
            await client.FinishAsync();
            var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, TimeSpan.FromMinutes(2));
            transcripts.Add(string.Join(' ', events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>().Select(c => c.Transcript)));
        }

        var wer = WordErrorRate.Compute(string.Join(' ', clips.Select(c => c.Transcript)), string.Join(' ', transcripts));
        Assert.True(wer <= MaxWordErrorRate, $"WER {wer:F3} > {MaxWordErrorRate}: {string.Join(" | ", transcripts)}");
    }
}

/// <summary>A test that needs a real Whisper model: reported as skipped, with the reason, when none is given.</summary>
public sealed class RealWhisperModelFactAttribute : FactAttribute
{
    public RealWhisperModelFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WhisperAccuracyTests.ModelVariable)))
        {
            Skip = $"{WhisperAccuracyTests.ModelVariable} is not set: no real Whisper model to measure (e.g. "
                + $"'realtime-asr models download tiny', then {WhisperAccuracyTests.ModelVariable}=~/.cache/realtime-asr/models/ggml-tiny.bin).";
        }
    }
}
