using RealtimeAsr.Cli.Output;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary>The live partial line never wraps: a long partial keeps its end.</summary>
public sealed class LiveLineTests
{
    [Theory]
    [InlineData("short", " text", 20, "short", " text")]
    [InlineData("the confirmed part", " and the draft", 20, "… part", " and the draft")]
    [InlineData("confirmed", " a draft longer than the line", 12, "…", "an the line")]
    [InlineData("今天天气不错，", "阳光明媚。", 16, "…错，", "阳光明媚。")]
    public void A_long_partial_keeps_its_tail(string text, string stash, int columns, string expectedText, string expectedStash)
    {
        var (fitText, fitStash) = LiveTerminalOutput.FitTail(text, stash, columns);

        Assert.Equal(expectedText, fitText);
        Assert.Equal(expectedStash, fitStash);
    }
}
