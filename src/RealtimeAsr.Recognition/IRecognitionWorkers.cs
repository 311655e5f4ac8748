namespace RealtimeAsr.Recognition;

/// <summary>
/// The server's bounded pool of recognition slots: CPU-bound engine work runs inside one, so a burst of sessions
/// queues instead of oversubscribing the cores. Work inside a slot must not wait for anything else (a pooled resource,
/// the network): acquire those first, then ask for the slot.
/// </summary>
public interface IRecognitionWorkers
{
    /// <summary>Runs <paramref name="work"/> once a slot is free and returns its result.</summary>
    ValueTask<T> RunAsync<TState, T>(TState state, Func<TState, T> work, CancellationToken cancellationToken);
}
