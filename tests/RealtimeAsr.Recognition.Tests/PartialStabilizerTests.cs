namespace RealtimeAsr.Recognition.Tests;

public sealed class PartialStabilizerTests
{
    [Fact]
    public void Starts_empty()
    {
        var stabilizer = new PartialStabilizer();

        Assert.Equal("", stabilizer.Text);
        Assert.Equal("", stabilizer.Stash);
        Assert.Equal(0, stabilizer.ConfirmedWordCount);
    }

    [Fact]
    public void First_hypothesis_is_all_draft()
    {
        var stabilizer = new PartialStabilizer();

        Assert.True(stabilizer.Update("hello world"));

        Assert.Equal("", stabilizer.Text);
        Assert.Equal("hello world", stabilizer.Stash);
    }

    [Fact]
    public void Words_unchanged_across_two_hypotheses_are_confirmed()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("hello world");

        Assert.True(stabilizer.Update("hello world how"));

        Assert.Equal("hello world", stabilizer.Text);
        Assert.Equal(" how", stabilizer.Stash);
        Assert.Equal(2, stabilizer.ConfirmedWordCount);
    }

    [Fact]
    public void Only_the_common_word_prefix_is_confirmed()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("hello word");

        stabilizer.Update("hello world");

        Assert.Equal("hello", stabilizer.Text);
        Assert.Equal(" world", stabilizer.Stash);
    }

    [Fact]
    public void Same_hypothesis_twice_confirms_it_all_and_leaves_the_stash_empty()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("he was not");

        Assert.True(stabilizer.Update("he was not"));

        Assert.Equal("he was not", stabilizer.Text);
        Assert.Equal("", stabilizer.Stash);
    }

    [Fact]
    public void Reports_no_change_when_nothing_changed()
    {
        var stabilizer = new PartialStabilizer();
        Assert.False(stabilizer.Update(""));
        Assert.False(stabilizer.Update(null));
        Assert.True(stabilizer.Update("one two"));
        Assert.True(stabilizer.Update("one two"));

        Assert.False(stabilizer.Update("one two"));
        Assert.False(stabilizer.Update("  one\ttwo \n"));
    }

    [Fact]
    public void Reports_a_change_when_only_the_stash_changes()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("one two");
        stabilizer.Update("one two three");

        Assert.True(stabilizer.Update("one two tree"));

        Assert.Equal("one two", stabilizer.Text);
        Assert.Equal(" tree", stabilizer.Stash);
    }

    [Fact]
    public void Whitespace_is_normalised_to_single_spaces()
    {
        var stabilizer = new PartialStabilizer();

        stabilizer.Update("  hello\t world \n");

        Assert.Equal("hello world", stabilizer.Stash);
    }

    [Fact]
    public void Confirmed_text_is_kept_when_the_engine_revises_it()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("a b c");
        stabilizer.Update("a b c d");

        Assert.True(stabilizer.Update("x y z d e"));

        Assert.Equal("a b c", stabilizer.Text);
        Assert.Equal(" d e", stabilizer.Stash);
    }

    [Fact]
    public void A_hypothesis_shorter_than_the_confirmed_text_leaves_an_empty_stash()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("a b c");
        stabilizer.Update("a b c d");

        stabilizer.Update("x");

        Assert.Equal("a b c", stabilizer.Text);
        Assert.Equal("", stabilizer.Stash);
    }

    [Fact]
    public void An_empty_hypothesis_clears_the_stash_but_not_the_text()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("a b");
        stabilizer.Update("a b c");

        Assert.True(stabilizer.Update(""));

        Assert.Equal("a b", stabilizer.Text);
        Assert.Equal("", stabilizer.Stash);
    }

    [Fact]
    public void After_a_revision_words_stable_at_later_positions_are_appended_to_the_text()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("i scream");
        stabilizer.Update("i scream");
        stabilizer.Update("ice cream for");

        stabilizer.Update("ice cream for you");

        // Positions 0-1 stay "i scream"; position 2 ("for") was the same in the last two hypotheses.
        Assert.Equal("i scream for", stabilizer.Text);
        Assert.Equal(" you", stabilizer.Stash);
    }

    [Fact]
    public void Follows_the_protocols_documented_progression()
    {
        // Protocol 4.8: text moves from stash into text, text only grows, the preview is text + stash.
        var stabilizer = new PartialStabilizer();
        var steps = new (string Hypothesis, string Text, string Stash)[]
        {
            ("the", "", "the"),
            ("the weather", "the", " weather"),
            ("the weather is nice", "the weather", " is nice"),
            ("the weather is nice today", "the weather is nice", " today"),
            ("the weather is nice today", "the weather is nice today", ""),
            ("the weather is nice today sunny", "the weather is nice today", " sunny"),
        };

        foreach (var (hypothesis, text, stash) in steps)
        {
            Assert.True(stabilizer.Update(hypothesis));
            Assert.Equal(text, stabilizer.Text);
            Assert.Equal(stash, stabilizer.Stash);
            Assert.Equal(hypothesis, stabilizer.Text + stabilizer.Stash);
        }
    }

    [Fact]
    public void Random_hypothesis_sequences_keep_the_invariants()
    {
        // Like an engine: the hypothesis grows, and its tail is rewritten now and then.
        string[] vocabulary = ["he", "was", "not", "an", "ill", "disposed", "young", "man", "until", "this", "blows"];
        var random = new Random(20240611);
        for (var run = 0; run < 200; run++)
        {
            var stabilizer = new PartialStabilizer();
            var words = new List<string>();
            var previousText = "";
            for (var step = 0; step < 30; step++)
            {
                if (words.Count > 0 && random.Next(3) == 0)
                {
                    words.RemoveRange(random.Next(words.Count), 1);
                }

                for (var added = random.Next(3); added > 0; added--)
                {
                    words.Add(vocabulary[random.Next(vocabulary.Length)]);
                }

                var hypothesis = string.Join(' ', words);
                var textBefore = stabilizer.Text;
                var stashBefore = stabilizer.Stash;

                var changed = stabilizer.Update(hypothesis);

                Assert.Equal(changed, stabilizer.Text != textBefore || stabilizer.Stash != stashBefore);
                Assert.StartsWith(previousText, stabilizer.Text, StringComparison.Ordinal);
                Assert.False(stabilizer.Text.EndsWith(' '), "text never ends with a space");
                Assert.DoesNotContain("  ", stabilizer.Text + stabilizer.Stash, StringComparison.Ordinal);
                Assert.Equal(stabilizer.Text.Length > 0 && stabilizer.Stash.Length > 0, stabilizer.Stash.StartsWith(' '));
                if (hypothesis.StartsWith(stabilizer.Text, StringComparison.Ordinal))
                {
                    // No revision of the confirmed words: the preview is exactly the hypothesis.
                    Assert.Equal(hypothesis, stabilizer.Text + stabilizer.Stash);
                }

                previousText = stabilizer.Text;
            }
        }
    }

    [Fact]
    public void Complete_returns_the_final_hypothesis_normalised()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Update("he buy even");
        stabilizer.Update("he buy even at");

        var transcript = stabilizer.Complete(" he might  even have been made\tamiable himself ");

        Assert.Equal("he might even have been made amiable himself", transcript);
        // The last partial stays as it was sent.
        Assert.Equal("he buy even", stabilizer.Text);
        Assert.Equal(" at", stabilizer.Stash);
    }

    [Fact]
    public void Complete_of_nothing_is_an_empty_string()
    {
        Assert.Equal("", new PartialStabilizer().Complete(null));
        Assert.Equal("", new PartialStabilizer().Complete("  "));
    }

    [Fact]
    public void Update_after_complete_throws()
    {
        var stabilizer = new PartialStabilizer();
        stabilizer.Complete("done");

        Assert.Throws<InvalidOperationException>(() => stabilizer.Update("more"));
    }
}
