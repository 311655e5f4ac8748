using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Output;

/// <summary>Standard output is not a terminal: the final transcript of each utterance, one per line, nothing else.</summary>
internal sealed class PlainTranscriptOutput(TextWriter output) : ITranscriptOutput
{
    public async Task<ErrorEvent?> RenderAsync(IAsyncEnumerable<ServerEvent> events, AudioInput input, SendProgress progress, CancellationToken cancellationToken)
    {
        await foreach (var serverEvent in events.WithCancellation(cancellationToken))
        {
            switch (serverEvent)
            {
                case TranscriptionCompletedEvent completed when !string.IsNullOrWhiteSpace(completed.Transcript):
                    await output.WriteLineAsync(completed.Transcript.Trim());
                    await output.FlushAsync(cancellationToken);
                    break;
                case ErrorEvent error:
                    return error;
            }
        }

        return null;
    }
}
