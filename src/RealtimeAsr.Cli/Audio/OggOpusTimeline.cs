using System.Buffers;
using RealtimeAsr.Audio;

namespace RealtimeAsr.Cli.Audio;

/// <summary>
/// Ogg Opus, which is sent unchanged: the file's first bytes are decoded with the server's own decoder, so the
/// position is the one the server counts (pre-skip and end trimming included), not an estimate from the bitrate.
/// </summary>
internal sealed class OggOpusTimeline(string path) : IAudioTimeline
{
    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    private readonly OggOpusInputDecoder _decoder = new();
    private readonly ArrayBufferWriter<short> _samples = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private long _decodedSamples;
    private bool _invalid;

    public double MillisecondsAt(long bytes)
    {
        while (!_invalid && _file.Position < bytes)
        {
            var read = _file.Read(_buffer, 0, (int)Math.Min(_buffer.Length, bytes - _file.Position));
            if (read == 0)
            {
                break;
            }

            try
            {
                _decoder.Decode(_buffer.AsSpan(0, read), _samples);
            }
            catch (InvalidAudioException)
            {
                // The server will reject these bytes and say why; the position just stops growing here.
                _invalid = true;
            }

            _decodedSamples += _samples.WrittenCount;
            _samples.ResetWrittenCount();
        }

        return _decodedSamples * 1000.0 / AudioFormat.EngineSampleRate;
    }

    public void Dispose()
    {
        _decoder.Dispose();
        _file.Dispose();
    }
}
