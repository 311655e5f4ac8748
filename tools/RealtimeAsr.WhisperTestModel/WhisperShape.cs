using RealtimeAsr.Recognition.Whisper;

namespace RealtimeAsr.WhisperTestModel;

/// <summary>
/// The hyperparameters of a published Whisper model, in the order whisper.cpp reads them after the magic, and the
/// SHA-256 of the file this tool writes for it (pinned, so a change to the generator is a visible, deliberate change).
/// </summary>
/// <param name="Name">The published model's name.</param>
/// <param name="Model">Its hyperparameters, as the model loader reads them back (f16 weights: file type 1).</param>
/// <param name="Sha256">The SHA-256 of the file this tool writes for it.</param>
internal sealed record WhisperShape(string Name, WhisperModelInfo Model, string Sha256)
{
    private const int MostlyF16 = 1;

    /// <summary>openai/whisper <c>tiny</c> (multilingual): 39 M parameters.</summary>
    public static WhisperShape Tiny { get; } = new("tiny", new WhisperModelInfo(51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, MostlyF16),
        "1e8dc008561dbdb0ddc3af8dc550188bfbcab6877aaaa3ab5d6a4b8cb3b46394");

    /// <summary>openai/whisper <c>base</c> (multilingual): 74 M parameters.</summary>
    public static WhisperShape Base { get; } = new("base", new WhisperModelInfo(51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80, MostlyF16),
        "422c288dfb6c9c040853a4c0f917fc5d341fec9d13b3ec5b6b3ac5c20c39995a");

    public static WhisperShape? Find(string name) =>
        name switch { "tiny" => Tiny, "base" => Base, _ => null };
}
