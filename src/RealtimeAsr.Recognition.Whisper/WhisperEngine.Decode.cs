using System.Diagnostics;

namespace RealtimeAsr.Recognition.Whisper;

public sealed partial class WhisperEngine
{
    /// <summary>
    /// Runs one decode: waits for a decoder of the pool (outside any worker), then runs whisper.cpp inside one of the
    /// server's recognition workers, so the slot holds exactly the CPU work.
    /// </summary>
    internal async Task<WhisperDecoder.Output> DecodeAsync(Loaded loaded, IRecognitionWorkers workers,
        ReadOnlyMemory<short> audio, WhisperDecodeSettings settings, CancellationToken cancellationToken)
    {
        var decoder = await loaded.Pool.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var output = await workers.RunAsync((Engine: this, loaded.Pool, Decoder: decoder, Audio: audio, Settings: settings,
                    Cancellation: cancellationToken),
                static s =>
                {
                    s.Engine.DecodeStarting?.Invoke(s.Settings);
                    return s.Pool.Run(s.Decoder, s.Audio.Span, s.Settings, s.Cancellation);
                },
                cancellationToken).ConfigureAwait(false);
            Log.Decoded(_logger, Name, settings.Kind, audio.Length / RecognitionAudio.SamplesPerMillisecond,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, settings.AudioContext, output.Language, output.Segments.Count);
            return output;
        }
        catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
        {
            Log.DecodeFailed(_logger, Name, settings.Kind, e);
            throw;
        }
        finally
        {
            loaded.Pool.Return(decoder);
        }
    }
}
