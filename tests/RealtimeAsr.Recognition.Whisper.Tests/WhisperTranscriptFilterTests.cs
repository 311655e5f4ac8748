namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>No text where nobody spoke: no-speech segments dropped, repetition loops cut.</summary>
public sealed class WhisperTranscriptFilterTests
{
    private readonly WhisperTranscriptFilter _filter = new();

    [Fact]
    public void Speech_segments_are_joined()
    {
        Assert.Equal("he was not there. she came later.",
            _filter.Transcript([new(" he was not there.", 0.01f), new(" she came later.", 0.1f)]));
    }

    [Fact]
    public void A_segment_whisper_judges_to_be_silence_is_dropped()
    {
        Assert.Equal("hello.", _filter.Transcript([new(" hello.", 0.05f), new(" Thank you for watching!", 0.92f)]));
    }

    [Fact]
    public void Only_silence_gives_an_empty_transcript()
    {
        Assert.Equal("", _filter.Transcript([new(" you", 0.97f)]));
    }

    [Fact]
    public void A_phrase_repeated_over_and_over_is_kept_once()
    {
        Assert.Equal("I see. thank you.",
            _filter.Transcript([new(" I see. thank you. thank you. thank you. thank you. thank you.", 0.2f)]));
    }

    [Fact]
    public void A_loop_across_segments_is_cut_too()
    {
        Assert.Equal("so the the end", _filter.Transcript([new(" so the", 0.1f), new(" the end end end end end", 0.1f)]));
    }

    [Fact]
    public void Repetition_people_say_is_kept()
    {
        Assert.Equal("no, no, no. I said no.", _filter.Transcript([new(" no, no, no. I said no.", 0.1f)]));
    }

    [Fact]
    public void A_character_loop_in_Chinese_is_cut_per_character()
    {
        Assert.Equal("好的谢谢", _filter.Transcript([new("好的谢谢谢谢谢谢谢谢谢谢", 0.1f)]));
    }

    [Fact]
    public void Thresholds_of_its_own_apply()
    {
        var strict = new WhisperTranscriptFilter(noSpeechThreshold: 0.3f, loopRepeats: 2);

        Assert.Equal("", strict.Transcript([new(" maybe", 0.4f)]));
        Assert.Equal("yes", strict.Transcript([new(" yes yes", 0.1f)]));
    }
}
