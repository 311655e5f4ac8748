namespace RealtimeAsr.Recognition.OpenAI.Tests;

/// <summary>The prompt: the session's context, then the utterance's earlier windows, cut from the start at a word.</summary>
public sealed class BackendPromptTests
{
    [Theory]
    [InlineData(null, "", null)]
    [InlineData("  ", " ", null)]
    [InlineData("Marianne Dashwood", "", "Marianne Dashwood")]
    [InlineData(null, "the family of dashwood", "the family of dashwood")]
    [InlineData("Norland Park", "the family of dashwood", "Norland Park the family of dashwood")]
    public void Context_and_earlier_windows_are_joined(string? context, string previous, string? expected)
    {
        Assert.Equal(expected, BackendPrompt.Build(context, previous));
    }

    [Fact]
    public void A_long_prompt_keeps_its_end_from_a_word_start()
    {
        var previous = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"w{i}"));

        var prompt = BackendPrompt.Build("context words", previous)!;

        Assert.True(prompt.Length <= BackendPrompt.MaxCharacters, prompt.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith(" w399", prompt, StringComparison.Ordinal);
        Assert.StartsWith("w", prompt, StringComparison.Ordinal);
        Assert.Contains(" " + prompt.Split(' ')[0] + " ", " " + previous + " ", StringComparison.Ordinal);
    }
}
