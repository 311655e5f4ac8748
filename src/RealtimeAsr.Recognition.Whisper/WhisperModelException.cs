namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// A Whisper model file that cannot be used: missing, not a ggml Whisper model, truncated, or refused by whisper.cpp.
/// The message is one line naming the file, what is wrong, and the commands that fetch or make a model, so a server
/// that fails start-up with it tells the operator everything.
/// </summary>
public sealed class WhisperModelException : Exception
{
    /// <summary>The commands that produce a usable file; part of every message.</summary>
    public const string FetchHint =
        "Download one with 'realtime-asr models download tiny' (or make an offline test model with " +
        "'scripts/make-whisper-test-model.sh FILE tiny')";

    public WhisperModelException(string modelPath, string problem, Exception? innerException = null)
        : base($"Whisper model '{modelPath}' {problem}. {FetchHint}.", innerException)
    {
        ModelPath = modelPath;
        Problem = problem;
    }

    public WhisperModelException()
        : this("", "is not usable")
    {
    }

    public WhisperModelException(string message)
        : base(message)
    {
        ModelPath = "";
        Problem = message;
    }

    public WhisperModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        ModelPath = "";
        Problem = message;
    }

    /// <summary>The model file as given.</summary>
    public string ModelPath { get; }

    /// <summary>What is wrong with it, without the file name or the hint (for tests and logs).</summary>
    public string Problem { get; }
}
