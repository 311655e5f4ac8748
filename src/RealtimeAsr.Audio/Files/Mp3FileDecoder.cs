using NLayer;

namespace RealtimeAsr.Audio;

/// <summary>Decodes MPEG-1/2 audio (layers I–III, so MP3) with NLayer, a managed decoder; any rate, mono or stereo.</summary>
public static class Mp3FileDecoder
{
    /// <summary>Decodes <paramref name="file"/>, stopping with <see cref="AudioTooLongException"/> beyond <paramref name="maxDuration"/>.</summary>
    /// <exception cref="InvalidAudioException">No MPEG audio frame could be decoded.</exception>
    public static DecodedAudio Decode(byte[] file, TimeSpan maxDuration)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = new MemoryStream(file, writable: false);
        MpegFile mpeg;
        try
        {
            mpeg = new MpegFile(stream);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidAudioException("The MP3 file holds no MPEG audio frame that could be decoded.", ex);
        }

        using (mpeg)
        {
            if (mpeg.SampleRate <= 0 || mpeg.Channels <= 0)
            {
                throw new InvalidAudioException("The MP3 file holds no MPEG audio frame that could be decoded.");
            }

            using var collector = new MonoSampleCollector(mpeg.SampleRate, mpeg.Channels, maxDuration);
            // A whole number of frames per read, so that no frame is split between two.
            var buffer = new float[4096 * mpeg.Channels];
            var frames = 0L;
            int read;
            try
            {
                while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
                {
                    collector.AddFrames(buffer.AsSpan(0, read - (read % mpeg.Channels)));
                    frames += read / mpeg.Channels;
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IndexOutOfRangeException)
            {
                throw new InvalidAudioException("The MP3 file is damaged: " + ex.Message, ex);
            }

            if (frames == 0)
            {
                throw new InvalidAudioException("The MP3 file holds no MPEG audio frame that could be decoded.");
            }

            return new DecodedAudio(collector.Finish(), collector.OutputRate, AudioFileFormat.Mp3, mpeg.SampleRate, mpeg.Channels);
        }
    }
}
