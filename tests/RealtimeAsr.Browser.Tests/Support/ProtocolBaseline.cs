using RealtimeAsr.Testing;

namespace RealtimeAsr.Browser.Tests;

/// <summary>
/// The same audio through the protocol directly (16 kHz PCM from the file, sent at once, balanced server VAD): what the
/// engine makes of it without a browser. The page's result is held to this plus a small margin, so a page that loses,
/// cuts or distorts audio (a poor resampler, dropped blocks) fails.
/// </summary>
public static class ProtocolBaseline
{
    public static async Task<IReadOnlyList<string>> TranscribeAsync(ServerFixture server, short[] audio)
    {
        await using var client = await server.ConnectAsync();
        await client.UpdateAsync("""{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":{"type":"server_vad","threshold":0.2,"silence_duration_ms":800}}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(audio));
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync("session.finished", TimeSpan.FromSeconds(120));
        return [.. events.Where(e => e.Type == "conversation.item.input_audio_transcription.completed")
            .Select(e => e.Root.GetProperty("transcript").GetString() ?? "")];
    }
}
