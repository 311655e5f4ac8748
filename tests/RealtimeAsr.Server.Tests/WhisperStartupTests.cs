using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A Whisper engine's model at start-up: a missing or corrupt file, or a catalogue name not in the cache, fails start-up
/// with one message naming the file and the command that fetches it; a catalogue name in the cache is served.
/// </summary>
public sealed class WhisperStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "realtimeasr-whisper-startup-" + Guid.NewGuid().ToString("N"));

    public WhisperStartupTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_missing_model_file_fails_start_up_naming_the_file_and_the_fetch_command()
    {
        var missing = Path.Combine(_folder, "ggml-missing.bin");

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync(WhisperServerFixture.EngineSettings("w", missing)));

        Assert.StartsWith("engine 'w' (whisper): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("realtime-asr models download", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_model_file_fails_start_up_naming_the_file()
    {
        var corrupt = Path.Combine(_folder, "ggml-corrupt.bin");
        var bytes = await File.ReadAllBytesAsync(WhisperServerFixture.Models.TinyPath);
        await File.WriteAllBytesAsync(corrupt, bytes.AsMemory(0, bytes.Length / 2));

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync(WhisperServerFixture.EngineSettings("w", corrupt)));

        Assert.StartsWith("engine 'w' (whisper): ", error.Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalogue_model_that_is_not_downloaded_fails_start_up_with_the_download_command()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ConfiguredServer.StartAsync(
            ["--RealtimeAsr:Engines:w:Type=whisper", "--RealtimeAsr:Engines:w:Model=tiny", $"--RealtimeAsr:ModelCache={_folder}"]));

        Assert.Equal(
            $"engine 'w' (whisper): model 'tiny' is not in the model cache ({Path.Combine(_folder, "ggml-tiny.bin")}); "
            + $"fetch it with 'realtime-asr models download tiny' --cache {_folder}",
            error.Message);
    }

    [Fact]
    public async Task A_catalogue_model_in_the_cache_is_served_by_its_name()
    {
        File.Copy(WhisperServerFixture.Models.TinyPath, Path.Combine(_folder, "ggml-tiny.bin"));
        await using var app = await ConfiguredServer.StartAsync(
        [
            "--RealtimeAsr:Engines:w:Type=whisper", "--RealtimeAsr:Engines:w:Model=tiny", "--RealtimeAsr:Engines:w:TemperatureFallback=0",
            $"--RealtimeAsr:ModelCache={_folder}", "--RealtimeAsr:DefaultEngine=w",
        ]);

        await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        await client.UpdateAsync("""{"input_audio_transcription":{"language":"ja"}}""");
        var updated = await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        Assert.DoesNotContain(updated, e => e.Type == EventTypes.Error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
