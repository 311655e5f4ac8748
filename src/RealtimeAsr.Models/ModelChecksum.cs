using System.Security.Cryptography;

namespace RealtimeAsr.Models;

/// <summary>SHA-1 of model files, the checksum whisper.cpp publishes.</summary>
/// <remarks>
/// SHA-1 detects a truncated or damaged download, which is all it is used for here; it is the only checksum published
/// for these files, so a stronger hash would have nothing to compare against.
/// </remarks>
internal static class ModelChecksum
{
    public static IncrementalHash Create()
    {
#pragma warning disable CA5350 // Weak hash: integrity against the published SHA-1, not security (see remarks).
        return IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
    }

    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        using var hash = Create();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            await AppendAsync(hash, stream, cancellationToken).ConfigureAwait(false);
        }

        return Hex(hash);
    }

    /// <summary>Feeds the rest of <paramref name="stream"/> into <paramref name="hash"/>.</summary>
    public static async Task AppendAsync(IncrementalHash hash, Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }

    public static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());
}
