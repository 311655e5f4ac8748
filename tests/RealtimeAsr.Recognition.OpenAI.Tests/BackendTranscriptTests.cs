using System.Text.Json;

namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>Reading a backend's JSON answer: the text, Qwen3-ASR's <c>language X&lt;asr_text&gt;</c> header, the language.</summary>
public sealed class BackendTranscriptTests
{
    [Theory]
    [InlineData("language English<asr_text>Hello world.", "Hello world.", "en")]
    [InlineData("language Chinese<asr_text>你好世界", "你好世界", "zh")]
    [InlineData("language Cantonese<asr_text> 早晨", "早晨", "yue")]
    [InlineData("language None<asr_text>", "", null)]
    [InlineData("language Klingon<asr_text>Qapla'", "Qapla'", null)]
    [InlineData("Hello world.", "Hello world.", null)]
    [InlineData("  spaced   out \n text ", "spaced out text", null)]
    [InlineData("language English<asr_text>first part.language English<asr_text>second part.", "first part. second part.", "en")]
    [InlineData("the language spoken here", "the language spoken here", null)]
    public void A_Qwen_header_is_removed_and_its_language_reported(string text, string expected, string? language)
    {
        Assert.Equal((expected, language), BackendTranscript.StripQwenHeader(text));
    }

    [Fact]
    public void The_json_answer_gives_the_text_without_the_header_and_the_header_language()
    {
        Assert.Equal(("Hello.", "en"), BackendTranscript.Parse("""{"text":"language English<asr_text>Hello.","usage":{"type":"duration","seconds":2}}"""));
    }

    [Theory]
    [InlineData("english", "en")]
    [InlineData("de", "de")]
    [InlineData("tl", "fil")]
    [InlineData("fil", "fil")]
    [InlineData("xx", null)]
    public void A_language_field_is_read_in_the_protocols_terms(string field, string? expected)
    {
        Assert.Equal(("Hallo.", expected), BackendTranscript.Parse($$"""{"text":"Hallo.","language":"{{field}}"}"""));
    }

    [Fact]
    public void A_language_field_wins_over_the_header()
    {
        Assert.Equal(("Hola.", "es"), BackendTranscript.Parse("""{"text":"language English<asr_text>Hola.","language":"es"}"""));
    }

    [Theory]
    [InlineData("""{"transcript":"x"}""")]
    [InlineData("""{"text":3}""")]
    [InlineData("""["text"]""")]
    [InlineData("Hello world")]
    public void An_answer_without_a_text_string_is_refused(string body)
    {
        Assert.ThrowsAny<JsonException>(() => BackendTranscript.Parse(body));
    }
}
