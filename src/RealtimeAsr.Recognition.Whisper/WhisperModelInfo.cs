namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// What a ggml Whisper model file declares: its eleven hyperparameters in the order whisper.cpp reads them, and what
/// follows from them. Read and checked by <see cref="WhisperModelFile.Read"/> before the file reaches whisper.cpp.
/// </summary>
public sealed record WhisperModelInfo(
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
    int FileType)
{
    /// <summary>51865 tokens (51866 for large-v3 and turbo) is multilingual; 51864 is an English-only <c>.en</c> model.</summary>
    public bool IsMultilingual => VocabularySize >= 51865;

    /// <summary>
    /// The size family whisper.cpp reports for this encoder depth: tiny (4 layers), base (6), small (12), medium (24),
    /// large (32; "large-v3" with 128 mel bands, which v3 and v3-turbo share), or "unknown".
    /// </summary>
    public string Size => AudioLayers switch
    {
        4 => "tiny",
        6 => "base",
        12 => "small",
        24 => "medium",
        32 => MelBands == 128 ? "large-v3" : "large",
        _ => "unknown",
    };

    /// <summary>The weight type without the quantisation-version factor: 0 f32, 1 f16, others quantised (q4_0, q5_1, q8_0 …).</summary>
    public int WeightType => FileType % 1000;

    /// <summary>How many tensors whisper.cpp 1.8 expects: 7 + 15 per encoder layer + 4 + 24 per decoder layer.</summary>
    public int ExpectedTensorCount => 7 + 15 * AudioLayers + 4 + 24 * TextLayers;
}
