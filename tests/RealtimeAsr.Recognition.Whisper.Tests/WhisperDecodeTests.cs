using Whisper.net;

namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>The pure parts of a decode: prompt, encoder context, pauses.</summary>
public sealed class WhisperDecodeTests
{
    private static readonly WhisperModelInfo s_tiny = new(51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1);

    [Fact]
    public void The_prompt_is_the_context_then_the_earlier_windows()
    {
        Assert.Equal("", WhisperPrompt.Build(null, "", 448));
        Assert.Equal("Qwen, DashScope", WhisperPrompt.Build("  Qwen, DashScope ", "", 448));
        Assert.Equal("what was said", WhisperPrompt.Build(" ", "what was said", 448));
        Assert.Equal("Qwen, DashScope what was said", WhisperPrompt.Build("Qwen, DashScope", " what was said", 448));
    }

    [Fact]
    public void A_long_prompt_keeps_its_end_from_a_word_start_within_what_whisper_cpp_uses()
    {
        var context = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"term{i}"));

        var prompt = WhisperPrompt.Build(context, "the last words", 448);

        // whisper.cpp keeps 448 / 2 = 224 prompt tokens; eight characters per token is the most kept.
        Assert.InRange(prompt.Length, 224 * WhisperPrompt.CharactersPerToken - 16, 224 * WhisperPrompt.CharactersPerToken);
        Assert.EndsWith("term1999 the last words", prompt, StringComparison.Ordinal);
        Assert.Matches("^term[0-9]+ ", prompt);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_and_keeps_scripts_without_spaces_as_cut()
    {
        var text = string.Concat(Enumerable.Repeat("语音识别😀", 10));

        // Seven characters from the end start inside the emoji (six UTF-16 characters per repetition).
        var kept = WhisperPrompt.KeepEnd(text, 7);

        Assert.Equal("语音识别😀", kept);
    }

    [Theory]
    [InlineData(0.2, 82)]     // padded to 1 s: 50 positions + the margin of 32
    [InlineData(1, 82)]
    [InlineData(3, 182)]
    [InlineData(10, 532)]
    [InlineData(29, 1482)]
    [InlineData(30, 1500)]    // never more than the model's 30 s
    public void A_sized_context_is_fifty_positions_a_second_plus_a_margin(double seconds, int positions)
    {
        Assert.Equal(positions, WhisperDecoder.AudioContextFor((int)(seconds * RecognitionAudio.SampleRate), s_tiny));
    }

    [Fact]
    public void Pauses_are_the_boundaries_between_segments_inside_the_window()
    {
        SegmentData[] segments =
        [
            Segment(0, 2.0),
            Segment(2.4, 4.0),     // a gap: its middle, 2.2 s
            Segment(4.0, 7.5),     // touching: the boundary, 4.0 s
            Segment(8.7, 9.0),     // a gap whose middle, 8.1 s, is past the window's 8 s of audio: no pause
        ];

        var pauses = WhisperUtteranceRecognition.Pauses(segments, 8 * RecognitionAudio.SampleRate);

        Assert.Equal([(long)(2.2 * RecognitionAudio.SampleRate), 4 * RecognitionAudio.SampleRate], pauses);
        Assert.Null(WhisperUtteranceRecognition.Pauses([Segment(0, 3)], 8 * RecognitionAudio.SampleRate));
    }

    private static SegmentData Segment(double start, double end) =>
        new("words", TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), 0, 0, 0, 0, "en", []);
}
