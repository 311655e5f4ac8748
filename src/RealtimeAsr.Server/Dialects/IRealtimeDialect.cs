using System.Buffers;
using RealtimeAsr.Protocol;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// The wire edge of one <see cref="RealtimeConnection"/>: how client text frames become <see cref="SessionCommand"/>s
/// and how the session's <see cref="ServerEvent"/>s become frames. The session core, VAD and engines are the same
/// for every dialect; a dialect only parses and shapes (and converts audio into a format the session takes).
/// One instance per connection: <see cref="Read"/> is called by the receive loop only, <see cref="Write"/> by the send
/// loop only, so a dialect may keep per-connection state on each side.
/// </summary>
public interface IRealtimeDialect : IDisposable
{
    /// <summary>Parses one complete UTF-8 text frame; malformed input becomes a <see cref="RejectEvent"/>, never an exception.</summary>
    SessionCommand Read(ReadOnlySpan<byte> frame);

    /// <summary>
    /// Writes the frames <paramref name="serverEvent"/> becomes (none, one or several) into <paramref name="output"/>,
    /// back to back, adding the end offset of each to <paramref name="frameEnds"/>.
    /// </summary>
    void Write(ServerEvent serverEvent, ArrayBufferWriter<byte> output, List<int> frameEnds);
}
