using System.Buffers;
using System.Text;
using RealtimeAsr.Audio;
using RealtimeAsr.Benchmarks.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Benchmarks.Micro;

/// <summary>
/// What the server does per second of audio besides decoding it: parse appends, run the VAD, resample telephony audio,
/// serialise events. Each is set against the engine's CPU cost per second of audio.
/// </summary>
internal static class MicroBenchmarks
{
    private const int ChunksPerAudioSecond = BenchmarkClips.SampleRate / BenchmarkClips.ChunkSamples;

    /// <summary>Measures each cost; <see cref="MicroCostResult.FractionOfEngine"/> is left 0 for the caller, who knows the engine's cost.</summary>
    public static IReadOnlyList<MicroCostResult> Run(BenchmarkClips clips, int partialIntervalMs)
    {
        // Real speech, cut into 100 ms chunks as a client sends it.
        var speech = clips.Clips.SelectMany(c => c.Samples).ToArray();
        var chunks = Enumerable.Range(0, speech.Length / BenchmarkClips.ChunkSamples)
            .Select(i => speech.AsSpan(i * BenchmarkClips.ChunkSamples, BenchmarkClips.ChunkSamples).ToArray())
            .ToArray();
        var results = new List<MicroCostResult>();
        void Add(string name, string operation, double microseconds, double perAudioSecond) =>
            results.Add(new MicroCostResult(name, operation, microseconds, perAudioSecond, FractionOfEngine: 0));

        var frame = Encoding.UTF8.GetBytes(
            $$"""{"event_id":"event_bench_0","type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(TestAudio.ToBytes(chunks[0]))}}"}""");
        Add("Parse append: JSON + base64 (ClientEventReader.Read)", $"100 ms append ({frame.Length:N0} B frame)", MicroTimer.Measure(() =>
        {
            if (ClientEventReader.Read(frame) is AppendAudio append)
            {
                append.Release();
            }
        }), ChunksPerAudioSecond);

        var pcm = TestAudio.ToBytes(chunks[0]);
        var decoded = new ArrayBufferWriter<short>(4 * BenchmarkClips.ChunkSamples);
        using (var passThrough = new Pcm16InputDecoder(BenchmarkClips.SampleRate))
        {
            Add("PCM 16 kHz input (Pcm16InputDecoder)", "100 ms chunk", MicroTimer.Measure(() =>
            {
                decoded.ResetWrittenCount();
                passThrough.Decode(pcm, decoded);
            }), ChunksPerAudioSecond);
        }

        // Every other sample is 8 kHz audio for costing purposes: the resampler's work does not depend on the content.
        var pcm8k = TestAudio.ToBytes(chunks[0].Where((_, i) => i % 2 == 0).ToArray());
        using (var upsampler = new Pcm16InputDecoder(AudioFormat.TelephonySampleRate))
        {
            Add("Resample 8 → 16 kHz (Pcm16InputDecoder, Speex q5)", "100 ms chunk", MicroTimer.Measure(() =>
            {
                decoded.ResetWrittenCount();
                upsampler.Decode(pcm8k, decoded);
            }), ChunksPerAudioSecond);
        }

        var vadModelPath = Path.Combine(AppContext.BaseDirectory, SileroVadModel.DefaultRelativePath);
        using (var model = new SileroVadModel(vadModelPath))
        using (var detector = new VoiceActivityDetector(model))
        {
            var sink = new NullSegmentSink();
            var next = 0;
            var perChunk = MicroTimer.Measure(() =>
            {
                detector.Process(chunks[next], sink);
                next = (next + 1) % chunks.Length;
            });
            const double framesPerChunk = (double)BenchmarkClips.ChunkSamples / SileroVadModel.FrameSamples;
            Add("VAD (Silero v6 ONNX, VoiceActivityDetector)", "32 ms frame", perChunk / framesPerChunk, ChunksPerAudioSecond * framesPerChunk);
        }

        var partial = new TranscriptionTextEvent
        {
            EventId = ProtocolIds.NewEventId(),
            ItemId = ServerIds.NewItemId(),
            Language = "en",
            Emotion = "neutral",
            Text = "and mister john dashwood had then leisure to consider",
            Stash = " how much there might be",
        };
        var output = new ArrayBufferWriter<byte>(1024);
        Add("Serialise a partial event (ProtocolSerializer.Write)", ".text event", MicroTimer.Measure(() =>
        {
            output.ResetWrittenCount();
            ProtocolSerializer.Write(output, partial);
        }), 1000.0 / partialIntervalMs);

        return results;
    }
}
