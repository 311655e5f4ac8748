namespace RealtimeAsr.WhisperTestModel;

/// <summary>
/// The hyperparameters of a published Whisper model, in the order whisper.cpp reads them after the magic, and the
/// SHA-256 of the file this tool writes for it (pinned, so a change to the generator is a visible, deliberate change).
/// </summary>
internal sealed record WhisperShape(
    string Name,
    int VocabularySize,
    int AudioContext,
    int AudioState,
    int AudioHeads,
    int AudioLayers,
    int TextContext,
    int TextState,
    int TextHeads,
    int TextLayers,
    int MelBands,
    string Sha256)
{
    /// <summary>openai/whisper <c>tiny</c> (multilingual): 39 M parameters.</summary>
    public static WhisperShape Tiny { get; } = new("tiny", 51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80,
        "1e8dc008561dbdb0ddc3af8dc550188bfbcab6877aaaa3ab5d6a4b8cb3b46394");

    /// <summary>openai/whisper <c>base</c> (multilingual): 74 M parameters.</summary>
    public static WhisperShape Base { get; } = new("base", 51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80,
        "422c288dfb6c9c040853a4c0f917fc5d341fec9d13b3ec5b6b3ac5c20c39995a");

    public static WhisperShape? Find(string name) =>
        name switch { "tiny" => Tiny, "base" => Base, _ => null };

    /// <summary>51865 (and 51866 for large-v3) is multilingual; 51864 is an English-only <c>.en</c> model.</summary>
    public bool IsMultilingual => VocabularySize >= 51865;
}
