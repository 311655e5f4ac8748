namespace RealtimeAsr.Benchmarks.Audio;

/// <summary>
/// Everything one benchmark session sends, serialised before any clock starts so that the client's JSON and base64 work
/// stays out of the measurements: the <c>session.update</c>, the appends (100 ms each), commits and the finish.
/// </summary>
internal sealed class SessionScript
{
    public SessionScript(string name, bool serverVad, ReadOnlyMemory<byte> updateFrame, IReadOnlyList<ScriptStep> steps,
        IReadOnlyList<ScriptUtterance> utterances, double speechSeconds)
    {
        Name = name;
        ServerVad = serverVad;
        UpdateFrame = updateFrame;
        Steps = steps;
        Utterances = utterances;
        SpeechSeconds = speechSeconds;
        AudioSeconds = (double)steps[^1].EndSample / BenchmarkClips.SampleRate;
    }

    /// <summary>Short description, e.g. <c>vad</c>.</summary>
    public string Name { get; }

    /// <summary>Server VAD mode (the server cuts utterances) rather than Manual mode (the client commits).</summary>
    public bool ServerVad { get; }

    /// <summary>The <c>session.update</c> sent before the first step.</summary>
    public ReadOnlyMemory<byte> UpdateFrame { get; }

    public IReadOnlyList<ScriptStep> Steps { get; }

    /// <summary>The clips, in the order they are sent.</summary>
    public IReadOnlyList<ScriptUtterance> Utterances { get; }

    /// <summary>Seconds of audio sent, silence included.</summary>
    public double AudioSeconds { get; }

    /// <summary>Seconds of the clips themselves.</summary>
    public double SpeechSeconds { get; }
}
