namespace RealtimeAsr.Recognition.Whisper.Tests;

/// <summary>The protocol's 27 language codes against what each kind of Whisper model knows.</summary>
public sealed class WhisperLanguagesTests
{
    private static readonly WhisperModelInfo s_tiny = new(51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, FileType: 1);
    private static readonly WhisperModelInfo s_tinyEnglish = s_tiny with { VocabularySize = 51864 };
    private static readonly WhisperModelInfo s_largeV3 = new(51866, 1500, 1280, 20, 32, 448, 1280, 20, 32, 128, FileType: 1);

    [Fact]
    public void The_protocol_lists_27_languages()
    {
        Assert.Equal(27, WhisperLanguages.Protocol.Count);
    }

    [Fact]
    public void A_multilingual_model_before_large_v3_knows_every_protocol_language_but_Cantonese()
    {
        var supported = WhisperLanguages.SupportedBy(s_tiny);

        Assert.Equal(26, supported.Count);
        Assert.DoesNotContain("yue", supported);
        Assert.Contains("zh", supported);
        Assert.Contains("fil", supported);
    }

    [Fact]
    public void Large_v3_adds_Cantonese()
    {
        Assert.Equal(WhisperLanguages.Protocol.OrderBy(c => c, StringComparer.Ordinal), WhisperLanguages.SupportedBy(s_largeV3).OrderBy(c => c, StringComparer.Ordinal));
    }

    [Fact]
    public void An_English_only_model_knows_English_alone()
    {
        Assert.Equal(["en"], WhisperLanguages.SupportedBy(s_tinyEnglish));
    }

    [Theory]
    [InlineData("fil", "tl")]
    [InlineData("zh", "zh")]
    [InlineData("yue", "yue")]
    [InlineData("no", "no")]
    public void Protocol_codes_map_to_Whisper_codes(string protocol, string whisper)
    {
        Assert.Equal(whisper, WhisperLanguages.ToWhisper(protocol));
    }

    [Theory]
    [InlineData("tl", "fil")]
    [InlineData("en", "en")]
    [InlineData("haw", "haw")]
    public void Detected_Whisper_codes_are_reported_in_the_protocols_terms(string whisper, string protocol)
    {
        Assert.Equal(protocol, WhisperLanguages.FromWhisper(whisper));
    }

    [Fact]
    public void Every_protocol_code_survives_the_round_trip()
    {
        Assert.All(WhisperLanguages.Protocol, code => Assert.Equal(code, WhisperLanguages.FromWhisper(WhisperLanguages.ToWhisper(code))));
    }
}
