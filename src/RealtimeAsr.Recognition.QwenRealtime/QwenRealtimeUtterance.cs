using System.Runtime.InteropServices;

namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// One utterance recognised upstream: its audio goes to the connection's send queue as it arrives, the upstream's
/// newest <c>text</c>/<c>stash</c> is handed out as the partial, and completing it commits the audio and waits (at most
/// the result timeout) for the upstream's final. Upstream trouble never throws before <see cref="CompleteAsync"/>,
/// which would end the client's session: it is remembered by the item and thrown there, as a
/// <see cref="RecognitionFailedException"/> that fails this item alone.
/// </summary>
internal sealed class QwenRealtimeUtterance : IUtteranceRecognition
{
    private readonly UpstreamConnection _connection;
    private readonly TimeSpan _resultTimeout;
    private readonly UpstreamItem _item = new();
    private RecognitionPartial? _lastReturned;
    private bool _committed;
    private bool _ended;

    public QwenRealtimeUtterance(UpstreamConnection connection, TimeSpan resultTimeout)
    {
        _connection = connection;
        _resultTimeout = resultTimeout;
        connection.Begin(_item);
    }

    /// <summary>Queues the samples upstream as 16-bit little-endian PCM; never waits for the network.</summary>
    public ValueTask AcceptAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        if (!samples.IsEmpty && !_item.IsDone)
        {
            // A copy: the caller reuses its buffer once this returns.
            _connection.Append(MemoryMarshal.AsBytes(samples.Span).ToArray());
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The upstream's newest partial when it changed since the last one returned, otherwise <see langword="null"/>.</summary>
    public ValueTask<RecognitionPartial?> GetPartialAsync(CancellationToken cancellationToken)
    {
        var partial = _item.Partial;
        if (partial is null || partial == _lastReturned)
        {
            return ValueTask.FromResult<RecognitionPartial?>(null);
        }

        _lastReturned = partial;
        return ValueTask.FromResult<RecognitionPartial?>(partial);
    }

    /// <summary>
    /// Commits the audio upstream and returns its final result (an empty transcript for <c>audio_unintelligible</c>).
    /// </summary>
    /// <exception cref="RecognitionFailedException">The upstream could not be reached, refused this server's key, was
    /// lost, failed the item, or did not answer within the result timeout.</exception>
    public async ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        _committed = true;
        _connection.Commit();
        try
        {
            // Connecting has a timeout of its own; the result's starts once the upstream session is open.
            await _connection.Connected.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await _item.Final.WaitAsync(_resultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw UpstreamFailures.NoResult(_resultTimeout);
        }
        finally
        {
            End();
            if (!_item.Answered)
            {
                // Timed out, cancelled, or failed by an error: the upstream may still owe this item's result, which the
                // next item must not take for its own.
                _connection.Abandon("An item ended without the upstream's answer; the upstream session is replaced.");
            }
        }
    }

    /// <summary>The audio will be replayed by a later utterance: the upstream drops what it has of it.</summary>
    public void Abandon() => Dispose();

    /// <summary>
    /// Gives the utterance back. Before its commit the upstream drops its audio (<c>input_audio_buffer.clear</c>); after
    /// its commit, before the upstream's answer, the upstream still owes a result that the next utterance must not take
    /// for its own, so the connection is replaced.
    /// </summary>
    public void Dispose()
    {
        if (_ended)
        {
            return;
        }

        End();
        if (!_committed)
        {
            _connection.Clear();
        }
        else if (!_item.Answered)
        {
            _connection.Abandon("An item ended without the upstream's answer; the upstream session is replaced.");
        }
    }

    private void End()
    {
        _ended = true;
        _connection.End(_item);
    }
}
