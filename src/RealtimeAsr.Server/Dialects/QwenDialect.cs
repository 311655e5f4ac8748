using System.Buffers;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>The Qwen-ASR Realtime protocol (docs/PROTOCOL.md): the session's own events and commands, unchanged.</summary>
public sealed class QwenDialect : IRealtimeDialect
{
    /// <summary>Stateless: one instance serves every connection.</summary>
    public static QwenDialect Instance { get; } = new();

    private QwenDialect()
    {
    }

    /// <inheritdoc />
    public SessionCommand Read(ReadOnlySpan<byte> frame) => ClientEventReader.Read(frame);

    /// <inheritdoc />
    public void Write(ServerEvent serverEvent, ArrayBufferWriter<byte> output, List<int> frameEnds)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(frameEnds);
        ProtocolSerializer.Write(output, serverEvent);
        frameEnds.Add(output.WrittenCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
