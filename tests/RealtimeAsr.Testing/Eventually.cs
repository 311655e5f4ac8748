namespace RealtimeAsr.Testing;

/// <summary>Waiting for something another thread will make true. Shared as source with tests that do not reference this project.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; false after <paramref name="timeout"/> (default 30 s).</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Polls <paramref name="condition"/> (which may take a request) until it holds; false after <paramref name="timeout"/> (default 30 s).</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
