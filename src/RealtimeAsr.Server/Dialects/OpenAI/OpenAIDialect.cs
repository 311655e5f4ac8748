using System.Collections.Concurrent;

namespace RealtimeAsr.Server;

/// <summary>
/// OpenAI's Realtime API, transcription sessions only (docs/OPENAI.md), in its GA shape (<c>session.update</c> with
/// <c>session.type: "transcription"</c>) and its beta shape (<c>transcription_session.update</c>). Client events become
/// the session core's commands (audio converted to PCM the session takes: 24 kHz resampled to 16 kHz, G.711 expanded
/// to 8 kHz), and its events are reshaped: the Qwen protocol's confirmed <c>text</c> becomes append-only
/// <c>.delta</c>s, items become <c>conversation.item.added</c>/<c>.done</c> (GA) or <c>.created</c> (beta).
/// The read side (<see cref="Read"/>) and the write side (<see cref="Write"/>) keep separate state, handed over
/// only through a queue of echoes, one per accepted update, in the order the session answers them.
/// </summary>
public sealed partial class OpenAIDialect : IRealtimeDialect
{
    private readonly Func<string, string?> _checkModel;
    // Each accepted update's echo, queued by the read side for the session.updated the session will answer it with.
    private readonly ConcurrentQueue<OpenAISessionEcho> _echoes = new();
    // The shape of the last update (or of the OpenAI-Beta header): events are written in it.
    private volatile bool _beta;

    /// <summary>Creates the dialect of one connection.</summary>
    /// <param name="model">The connection's model, echoed until the client names another.</param>
    /// <param name="beta">Start in the beta shape (the client sent <c>OpenAI-Beta: realtime=v1</c>).</param>
    /// <param name="checkModel">Returns why a transcription model cannot be used on this connection, or <see langword="null"/> when it can.</param>
    public OpenAIDialect(string model, bool beta, Func<string, string?> checkModel)
    {
        _checkModel = checkModel;
        _beta = beta;
        _readEcho = OpenAISessionEcho.Initial(model);
        _writeEcho = _readEcho;
    }

    /// <inheritdoc />
    public void Dispose() => _converter?.Dispose();
}
