namespace RealtimeAsr.Packaging.Tests.Support;

/// <summary>A fresh folder under <c>parent</c>, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string parent)
    {
        Path = System.IO.Path.Combine(parent, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the fixture's own clean-up of the whole temporary root.
        }
    }
}
