using System.Threading.Channels;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

public sealed partial class RealtimeConnection
{
    // The session's queue has a single writer: the receive loop's posts, a shutdown's finish and the completion of the
    // input take turns under this lock.
    private readonly SemaphoreSlim _inputLock = new(1, 1);
    // No more input goes to the session; fires with _clientGone too. A post waiting for room or for the queue gives up.
    private readonly CancellationTokenSource _inputEnded;
    private bool _inputCompleted;
    private volatile bool _finishPosted;

    /// <summary>
    /// Hands <paramref name="command"/> to the session, charging <paramref name="heldBytes"/> to the input budget until
    /// the session has consumed it. A command the session no longer takes is dropped (its buffer returned).
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="heldBytes">The memory it holds while queued.</param>
    /// <param name="unlessFinishing">Drop it when a <c>session.finish</c> was already accepted (a shutdown's finish).</param>
    private async Task PostAsync(SessionCommand command, long heldBytes, bool unlessFinishing = false)
    {
        try
        {
            await _inputLock.WaitAsync(_inputEnded.Token);
        }
        catch (OperationCanceledException)
        {
            (command as AppendAudio)?.Release();
            return;
        }

        try
        {
            if (_inputCompleted || (unlessFinishing && _finishPosted))
            {
                (command as AppendAudio)?.Release();
                return;
            }

            _budget.Charge(command, heldBytes);
            await _session.PostAsync(command, _inputEnded.Token);
            _finishPosted |= command is FinishSession;
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            // The session takes no more input (finished and closing, or the client is gone): the message is not accepted.
            _budget.Release(command);
            (command as AppendAudio)?.Release();
        }
        finally
        {
            _inputLock.Release();
        }
    }

    /// <summary>
    /// Back-pressure: while the session holds <see cref="RealtimeAsrServerOptions.MaxBufferedInputBytes"/> of input it
    /// has not consumed, the next message stays in the socket. Throws when the client is gone meanwhile; returns at
    /// once when the input has ended (what follows is read and dropped).
    /// </summary>
    private async Task WaitForInputRoomAsync()
    {
        if (_inputEnded.IsCancellationRequested || _budget.HasRoom)
        {
            return;
        }

        Log.InputFull(_logger, _session.Id, _budget.Held);
        try
        {
            await _budget.WaitForRoomAsync(_inputEnded.Token);
        }
        catch (OperationCanceledException) when (!_clientGone.IsCancellationRequested)
        {
            // The input ended; the receive loop goes on reading until the client's close.
        }
    }

    /// <summary>No more input is taken: a waiting post gives up, then the session's queue is completed.</summary>
    private async Task CompleteInputAsync()
    {
        await _inputEnded.CancelAsync();
        await _inputLock.WaitAsync(CancellationToken.None);
        try
        {
            if (!_inputCompleted)
            {
                _inputCompleted = true;
                _session.CompleteInput();
            }
        }
        finally
        {
            _inputLock.Release();
        }
    }
}
