namespace RealtimeAsr.Recognition.Whisper;

/// <summary>How much audio whisper.cpp's encoder attends to in one decode (its <c>audio_ctx</c>).</summary>
public enum WhisperAudioContext
{
    /// <summary>
    /// Just the decoded window plus a small margin (50 positions per second of audio): the encoder's cost follows the
    /// audio, so a 3 s window costs a tenth of a 30 s one. Models are trained on 30 s inputs, so this may cost some
    /// accuracy; whisper.cpp's own streaming example decodes this way.
    /// </summary>
    Sized,

    /// <summary>The model's whole 30 s input (1500 positions), the audio padded with silence, as the model was trained.</summary>
    Full,
}
