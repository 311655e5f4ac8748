using System.Diagnostics;
using RealtimeAsr.Client.Tests.Support;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Client.Tests.Session;

/// <summary>How audio is cut into appends: PCM chunks, Ogg pages, WAV checks, pacing.</summary>
public sealed class AppendTests
{
    [Fact]
    public async Task A_pcm_stream_is_sent_in_100_ms_appends_that_add_up_to_the_stream()
    {
        var audio = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        var (appends, sent) = await AppendAndCaptureAsync(new TranscriptionSessionOptions(), session => session.AppendAudioAsync(new MemoryStream(audio)));

        Assert.Equal(audio.Length, sent);
        Assert.Equal([3200, 3200, 3200, 400], appends.Select(a => a.Length));
        Assert.Equal(audio, appends.SelectMany(a => a));
    }

    [Fact]
    public async Task Progress_reports_the_bytes_read()
    {
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports.Add);

        await AppendAndCaptureAsync(new TranscriptionSessionOptions { SampleRate = 8000 },
            session => session.AppendAudioAsync(new MemoryStream(new byte[4000]), new AudioStreamingOptions { Progress = progress }));

        Assert.Equal([1600L, 3200L, 4000L], reports);
    }

    [Fact]
    public async Task Pacing_sends_no_faster_than_real_time()
    {
        var halfSecond = new byte[16000];
        var clock = Stopwatch.StartNew();

        await AppendAndCaptureAsync(new TranscriptionSessionOptions(),
            session => session.AppendAudioAsync(new MemoryStream(halfSecond), new AudioStreamingOptions { PaceInRealTime = true }));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Ogg_opus_is_sent_in_whole_pages_unchanged()
    {
        var ogg = TestAudio.EncodeOggOpus(TestAudio.Speak("Testing the page reader."));
        var (appends, sent) = await AppendAndCaptureAsync(new TranscriptionSessionOptions { AudioFormat = AudioInputFormat.Opus },
            session => session.AppendAudioAsync(new MemoryStream(ogg), new AudioStreamingOptions { ChunkDuration = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(ogg.Length, sent);
        Assert.Equal(ogg, appends.SelectMany(a => a));
        Assert.All(appends, append => Assert.True(append.AsSpan().StartsWith("OggS"u8), "an append does not start on a page"));
    }

    [Fact]
    public async Task A_wav_file_in_the_session_format_sends_only_its_samples()
    {
        var samples = Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"client-test-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(path, WavBuilder.Build(16000, 1, 16, samples, extraChunk: true));
        try
        {
            var (appends, _) = await AppendAndCaptureAsync(new TranscriptionSessionOptions(), session => session.AppendWavFileAsync(path));

            Assert.Equal(samples, appends.SelectMany(a => a));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_wav_stream_that_forbids_synchronous_reads_is_read_asynchronously()
    {
        // As an ASP.NET Core request body: any synchronous read throws.
        var samples = Enumerable.Range(0, 500).Select(i => (byte)(i * 3)).ToArray();
        var wav = new AsyncOnlyStream(new MemoryStream(WavBuilder.Build(16000, 1, 16, samples, extraChunk: true)));

        var (appends, sent) = await AppendAndCaptureAsync(new TranscriptionSessionOptions(), session => session.AppendWavAsync(wav));

        Assert.Equal(samples, appends.SelectMany(a => a));
        Assert.Equal(samples.Length, sent);
    }

    [Theory]
    [InlineData(44100, 1, 16, "44100 Hz, mono, 16-bit PCM")]
    [InlineData(16000, 2, 16, "16000 Hz, 2 channels, 16-bit PCM")]
    [InlineData(16000, 1, 24, "16000 Hz, mono, 24-bit PCM")]
    public async Task A_wav_in_another_format_is_refused_with_a_clear_message(int rate, int channels, int bits, string described)
    {
        var wav = WavBuilder.Build(rate, channels, bits, new byte[channels * bits / 8 * 10]);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(async () =>
            await AppendAndCaptureAsync(new TranscriptionSessionOptions(), session => session.AppendWavAsync(new MemoryStream(wav))));

        Assert.Contains(described, exception.Message, StringComparison.Ordinal);
        Assert.Contains("16000 Hz, mono, 16-bit PCM", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_buffer_is_split_below_the_append_limit()
    {
        var audio = new byte[RealtimeTranscriptionSession.MaxAppendBytes + 10];

        var (appends, _) = await AppendAndCaptureAsync(new TranscriptionSessionOptions(), async session =>
        {
            await session.AppendAudioAsync(audio.AsMemory());
            return audio.Length;
        });

        Assert.Equal([RealtimeTranscriptionSession.MaxAppendBytes, 10], appends.Select(a => a.Length));
    }

    /// <summary>Runs <paramref name="append"/> on a fresh session and returns the decoded audio of every append the server got.</summary>
    private static async Task<(List<byte[]> Appends, long Sent)> AppendAndCaptureAsync(
        TranscriptionSessionOptions options,
        Func<RealtimeTranscriptionSession, Task<long>> append)
    {
        var received = new TaskCompletionSource<List<byte[]>>();
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.AcceptSessionAsync();
            var events = await connection.ReceiveUntilAsync(EventTypes.InputAudioBufferCommit);
            received.SetResult(events
                .Where(e => e.GetProperty("type").GetString() == EventTypes.InputAudioBufferAppend)
                .Select(e => e.GetProperty("audio").GetBytesFromBase64())
                .ToList());
            await connection.WaitForCloseAsync();
        });
        await using var session = await server.CreateClient().ConnectAsync(options);
        var sent = await append(session);
        await session.CommitAsync();
        return (await received.Task.WaitAsync(TimeSpan.FromSeconds(10)), sent);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
