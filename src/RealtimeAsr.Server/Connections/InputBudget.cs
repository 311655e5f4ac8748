using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// The bytes of client input one connection has handed to its session and the session has not yet consumed
/// (<see cref="RealtimeAsrServerOptions.MaxBufferedInputBytes"/>). The receive loop waits for room before it reads the
/// next message, so at the limit the socket is left unread and TCP pushes back on the client.
/// </summary>
/// <remarks>
/// The size of a message is known only once it has been read, so the loop waits while the total is at or over the
/// limit rather than until the next message fits: the total may exceed the limit by one message, and in exchange a
/// message larger than the limit can never wait for ever. The session reports each command it is done with
/// (<see cref="RealtimeSession.CommandConsumed"/>); its charge is then released. One receive loop waits at a time.
/// </remarks>
internal sealed class InputBudget(long limit)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SessionCommand, long> _charges = new(ReferenceEqualityComparer.Instance);
    private long _held;
    private TaskCompletionSource? _room;

    /// <summary>Bytes held now.</summary>
    public long Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>Whether the next message may be read now.</summary>
    public bool HasRoom => Held < limit;

    /// <summary>Counts <paramref name="bytes"/> against the budget until <paramref name="command"/> is released.</summary>
    public void Charge(SessionCommand command, long bytes)
    {
        lock (_lock)
        {
            _charges[command] = bytes;
            _held += bytes;
        }
    }

    /// <summary>Releases what <paramref name="command"/> was charged, if anything; wakes a waiting reader when there is room.</summary>
    public void Release(SessionCommand command)
    {
        TaskCompletionSource? room = null;
        lock (_lock)
        {
            if (!_charges.Remove(command, out var bytes))
            {
                return;
            }

            _held -= bytes;
            if (_held < limit)
            {
                (room, _room) = (_room, null);
            }
        }

        room?.TrySetResult();
    }

    /// <summary>Completes once the budget is under its limit, or throws when <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        Task room;
        lock (_lock)
        {
            if (_held < limit)
            {
                return Task.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            room = _room.Task;
        }

        return room.WaitAsync(cancellationToken);
    }
}
