namespace RealtimeAsr.Models;

/// <summary>
/// The ggml Whisper models published for whisper.cpp. Names and download URLs follow ggml-org/whisper.cpp
/// <c>models/download-ggml-model.sh</c>; sizes (rounded, as published) and SHA-1 sums are those of its
/// <c>models/README.md</c>. The quantised variants the script offers but the README does not list have no published
/// size or checksum here: they download unverified, and <c>models verify</c> says so.
/// </summary>
internal static class WhisperCatalogue
{
    /// <summary>Where <c>download-ggml-model.sh</c> fetches the files (<c>resolve/main/ggml-NAME.bin</c>).</summary>
    public static readonly Uri HuggingFace = new("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/");

    /// <summary>The tinydiarize model lives in its author's repository (the script switches source for it).</summary>
    public static readonly Uri TinyDiarize = new("https://huggingface.co/akashmjn/tinydiarize-whisper.cpp/resolve/main/");

    public static ModelCatalogue Create() => new(HuggingFace,
    [
        Model("tiny", ByteSize.MiB(75), "bd577a113a864445d4c299885e0cb97d4ba92b5f"),
        Model("tiny.en", ByteSize.MiB(75), "c78c86eb1a8faa21b369bcd33207cc90d64ae9df"),
        Model("tiny-q5_1"),
        Model("tiny.en-q5_1"),
        Model("tiny-q8_0"),
        Model("base", ByteSize.MiB(142), "465707469ff3a37a2b9b8d8f89f2f99de7299dac"),
        Model("base.en", ByteSize.MiB(142), "137c40403d78fd54d454da0f9bd998f78703390c"),
        Model("base-q5_1"),
        Model("base.en-q5_1"),
        Model("base-q8_0"),
        Model("small", ByteSize.MiB(466), "55356645c2b361a969dfd0ef2c5a50d530afd8d5"),
        Model("small.en", ByteSize.MiB(466), "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022"),
        Model("small.en-tdrz", ByteSize.MiB(465), "b6c6e7e89af1a35c08e6de56b66ca6a02a2fdfa1") with { Source = TinyDiarize },
        Model("small-q5_1"),
        Model("small.en-q5_1"),
        Model("small-q8_0"),
        Model("medium", ByteSize.GiB(1.5), "fd9727b6e1217c2f614f9b698455c4ffd82463b4"),
        Model("medium.en", ByteSize.GiB(1.5), "8c30f0e44ce9560643ebd10bbe50cd20eafd3723"),
        Model("medium-q5_0"),
        Model("medium.en-q5_0"),
        Model("medium-q8_0"),
        Model("large-v1", ByteSize.GiB(2.9), "b1caaf735c4cc1429223d5a74f0f4d0b9b59a299"),
        Model("large-v2", ByteSize.GiB(2.9), "0f4c8e34f21cf1a914c59d8b3ce882345ad349d6"),
        Model("large-v2-q5_0", ByteSize.GiB(1.1), "00e39f2196344e901b3a2bd5814807a769bd1630"),
        Model("large-v2-q8_0"),
        Model("large-v3", ByteSize.GiB(2.9), "ad82bf6a9043ceed055076d0fd39f5f186ff8062"),
        Model("large-v3-q5_0", ByteSize.GiB(1.1), "e6e2ed78495d403bef4b7cff42ef4aaadcfea8de"),
        Model("large-v3-turbo", ByteSize.GiB(1.5), "4af2b29d7ec73d781377bfd1758ca957a807e941"),
        Model("large-v3-turbo-q5_0", ByteSize.MiB(547), "e050f7970618a659205450ad97eb95a18d69c9ee"),
        Model("large-v3-turbo-q8_0"),
    ]);

    private static ModelInfo Model(string name, long? approximateSize = null, string? sha1 = null) => new()
    {
        Name = name,
        FileName = $"ggml-{name}.bin",
        ApproximateSize = approximateSize,
        Sha1 = sha1,
    };
}
