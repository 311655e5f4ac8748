using System.Security.Cryptography;

namespace RealtimeAsr.Models.Tests.Support;

/// <summary>A generated model file and a one-model catalogue for it. Shared with the CLI tests as source.</summary>
public static class TestModels
{
    public const string Name = "test-tiny";
    public const string FileName = "ggml-test-tiny.bin";

    /// <summary>Bytes from a fixed seed, large enough for several read buffers.</summary>
    public static byte[] Content(int length = 300_000)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    public static string Sha1Of(byte[] bytes)
    {
#pragma warning disable CA5350 // The published checksum is SHA-1.
        return Convert.ToHexStringLower(SHA1.HashData(bytes));
#pragma warning restore CA5350
    }

    /// <summary>A catalogue of one model served from <paramref name="source"/> with <paramref name="content"/>'s checksum.</summary>
    public static ModelCatalogue Catalogue(Uri source, byte[] content, string? sha1 = null) => new(source,
    [
        new ModelInfo { Name = Name, FileName = FileName, ApproximateSize = content.Length, Sha1 = sha1 ?? Sha1Of(content) },
    ]);
}
