using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Output;

/// <summary>Shows the events of one transcription: JSON lines, plain final transcripts, or the live terminal display.</summary>
internal interface ITranscriptOutput
{
    /// <summary>Consumes <paramref name="events"/> until they end or an <c>error</c> event arrives.</summary>
    /// <returns>The first error event, which ends the transcription; <see langword="null"/> when there was none.</returns>
    Task<ErrorEvent?> RenderAsync(IAsyncEnumerable<ServerEvent> events, AudioInput input, SendProgress progress, CancellationToken cancellationToken);
}
