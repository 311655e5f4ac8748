namespace RealtimeAsr.Cli.Manifests;

/// <summary>A manifest (or folder) that cannot be evaluated; the message names the file and line. Exit code 2.</summary>
internal sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
