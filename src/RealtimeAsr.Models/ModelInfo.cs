namespace RealtimeAsr.Models;

/// <summary>One published model file: its catalogue name, file name, size, checksum and where it is downloaded from.</summary>
public sealed record ModelInfo
{
    /// <summary>The catalogue name, as users type it: <c>tiny</c>, <c>base.en</c>, <c>large-v3-turbo-q5_0</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The file name, in the cache and at the source: <c>ggml-tiny.bin</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>
    /// The size on disk as published (rounded, e.g. 75 MiB), in bytes; <see langword="null"/> when not published.
    /// Shown to users only: the checksum, not the size, decides whether a file is the right one.
    /// </summary>
    public long? ApproximateSize { get; init; }

    /// <summary>
    /// The exact size in bytes when known (test catalogues); <see langword="null"/> for the published models, whose exact
    /// sizes are not listed upstream. When set, a file of another size is wrong without hashing it.
    /// </summary>
    public long? Size { get; init; }

    /// <summary>The SHA-1 of the file, lower-case hex; <see langword="null"/> when no checksum is published.</summary>
    public string? Sha1 { get; init; }

    /// <summary>
    /// The base URL this model is published under (a folder, ending in <c>/</c>); <see langword="null"/> for the
    /// catalogue's default source.
    /// </summary>
    public Uri? Source { get; init; }

    /// <summary>The size for people: the exact size when known, else the published one, else <c>?</c>.</summary>
    public string DisplaySize => (Size ?? ApproximateSize) is { } bytes ? ByteSize.Format(bytes) : "?";
}
