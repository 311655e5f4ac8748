using System.Collections.Concurrent;

namespace RealtimeAsr.Client.Tests.Support;

/// <summary>
/// A synchronization context like a UI thread's (WPF, WinForms, MAUI): one thread runs everything posted to it, and
/// only when it is not busy. Code on that thread that blocks on a task whose continuation was posted back deadlocks.
/// </summary>
public sealed class SingleThreadSynchronizationContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("A UI thread cannot be sent to synchronously here.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>
    /// Runs <paramref name="body"/> on a new thread that owns a fresh context, then the work posted to it; returns
    /// false if that did not finish within <paramref name="timeout"/> (a deadlock: the thread is left blocked).
    /// </summary>
    public static bool Run(Action body, TimeSpan timeout, out Exception? failure)
    {
        Exception? caught = null;
        var context = new SingleThreadSynchronizationContext();
        var thread = new Thread(() =>
        {
            SetSynchronizationContext(context);
            try
            {
                body();
            }
            catch (Exception exception)
            {
                caught = exception;
            }

            // Whatever was posted while the body ran (e.g. a completed await's tail) runs now, as a UI loop would.
            while (context._queue.TryTake(out var item))
            {
                item.Callback(item.State);
            }
        })
        {
            IsBackground = true,
            Name = "single-threaded context",
        };
        thread.Start();
        var finished = thread.Join(timeout);
        failure = caught;
        return finished;
    }
}
