using RealtimeAsr.Cli.Evaluation;

namespace RealtimeAsr.Cli.Tests.Evaluation;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("  spaced \t out\n text ", "spaced out text")]
    [InlineData("Don't stop: it's 'quoted'.", "don't stop it's quoted")]
    [InlineData("Don\u2019t", "don't")]
    [InlineData("rock 'n' roll", "rock n roll")]
    [InlineData("well-known (really) \"fine\"…", "well known really fine")]
    [InlineData("你好，世界！", "你好 世界")]
    [InlineData("ÉCOLE Straße", "école straße")]
    [InlineData("$5 + 3 = 8", "$5 + 3 = 8")]
    [InlineData("42 apples", "42 apples")]
    public void The_default_lower_cases_and_removes_punctuation_but_not_symbols(string text, string expected)
    {
        Assert.Equal(expected, new DefaultTextNormalizer().Normalize(text));
    }

    [Theory]
    [InlineData("I have 42 apples", "i have forty two apples")]
    [InlineData("0 1 13 20 99 100", "zero one thirteen twenty ninety nine one hundred")]
    [InlineData("101 and 007 and 1,000", "101 and 007 and one 000")]
    [InlineData("room 7b", "room 7b")]
    public void Numbers_up_to_100_are_spelled_when_asked(string text, string expected)
    {
        Assert.Equal(expected, new DefaultTextNormalizer(spellNumbers: true).Normalize(text));
    }

    [Fact]
    public void Spelled_numbers_score_as_correct()
    {
        var score = new TranscriptScorer(new DefaultTextNormalizer(spellNumbers: true)).Score("My number is forty-two.", "my number is 42");

        Assert.Equal(0.0, score.Words.Rate);
    }

    [Fact]
    public void No_normalisation_keeps_case_and_punctuation()
    {
        var score = new TranscriptScorer(VerbatimTextNormalizer.Instance).Score("Hello, world.", "hello world");

        Assert.Equal("Hello, world.", score.Reference);
        Assert.Equal(new ErrorCounts(0, 2, 0, 0), score.Words);
    }
}
