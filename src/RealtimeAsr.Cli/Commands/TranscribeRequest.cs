using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Client;

namespace RealtimeAsr.Cli.Commands;

/// <summary>Everything <c>transcribe</c> was asked to do, after parsing.</summary>
internal sealed class TranscribeRequest
{
    /// <summary>A path, or <c>-</c> for standard input.</summary>
    public required string Input { get; init; }

    /// <summary>Where to connect.</summary>
    public required RealtimeAsrClientOptions Client { get; init; }

    /// <summary>Language, corpus and VAD settings; format and rate come from the input.</summary>
    public required TranscriptionSessionOptions Session { get; init; }

    /// <summary>Pace the audio at real time.</summary>
    public bool RealTime { get; init; }

    /// <summary>Print JSON lines.</summary>
    public bool Json { get; init; }

    /// <summary><c>--raw</c>: the input is headerless PCM in this format; <see langword="null"/>: it must be WAV or Ogg Opus.</summary>
    public RawPcmFormat? Raw { get; init; }
}
