using System.Text;
using System.Text.Json;
using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Output;

/// <summary><c>--json</c>: every server event as one compact JSON object per line, as received (unknown events and fields included).</summary>
internal sealed class JsonLinesOutput(TextWriter output) : ITranscriptOutput
{
    public async Task<ErrorEvent?> RenderAsync(IAsyncEnumerable<ServerEvent> events, AudioInput input, SendProgress progress, CancellationToken cancellationToken)
    {
        await foreach (var serverEvent in events.WithCancellation(cancellationToken))
        {
            await output.WriteLineAsync(ToJsonLine(serverEvent));
            await output.FlushAsync(cancellationToken);
            if (serverEvent is ErrorEvent error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>One line of JSON: the typed event re-serialised, or an unknown event's original object made compact.</summary>
    public static string ToJsonLine(ServerEvent serverEvent)
    {
        if (serverEvent is not UnknownServerEvent unknown)
        {
            return ProtocolSerializer.ToJson(serverEvent);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            unknown.Json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
