namespace RealtimeAsr.Recognition.Tests;

public sealed class HypothesisAgreementTests
{
    private static void Steps(HypothesisAgreement agreement, params (string Hypothesis, string Text, string Stash)[] steps)
    {
        foreach (var (hypothesis, text, stash) in steps)
        {
            agreement.Update(hypothesis);
            Assert.Equal((text, stash), (agreement.Text, agreement.Stash));
        }
    }

    [Fact]
    public void Two_agreeing_hypotheses_confirm_their_common_word_prefix()
    {
        Steps(
            new HypothesisAgreement(),
            ("the", "", "the"),
            ("the weather", "the", " weather"),
            ("the weather is nice", "the weather", " is nice"),
            ("the whether is nice today", "the weather", " is nice today"),
            ("the whether is nice today", "the weather is nice today", ""));
    }

    [Fact]
    public void Words_agree_regardless_of_case_and_punctuation_and_are_spelled_as_the_newer_hypothesis()
    {
        Steps(
            new HypothesisAgreement(),
            (" hello world", "", "hello world"),
            (" Hello, world. How", "Hello, world.", " How"),
            (" hello world how are", "Hello, world. how", " are"));
    }

    [Fact]
    public void A_contradiction_keeps_the_text_and_shows_the_new_tail_after_the_confirmed_words()
    {
        Steps(
            new HypothesisAgreement(),
            ("i scream for", "", "i scream for"),
            ("i scream for you", "i scream for", " you"),
            ("ice cream for you and", "i scream for", " you and"),
            ("ice cream for you and me", "i scream for you and", " me"),
            ("ice", "i scream for you and", ""));
    }

    [Fact]
    public void An_empty_hypothesis_clears_the_stash_only()
    {
        Steps(new HypothesisAgreement(), ("a b", "", "a b"), ("a b c", "a b", " c"), ("", "a b", ""), (null!, "a b", ""));
    }

    [Fact]
    public void Reports_whether_text_or_stash_changed()
    {
        var agreement = new HypothesisAgreement();

        Assert.False(agreement.Update(""));
        Assert.True(agreement.Update("one two"));
        Assert.True(agreement.Update("one two"));
        Assert.False(agreement.Update(" one  two "));
        Assert.False(agreement.Update("One, two!"));
        Assert.True(agreement.Update("one two three"));
    }

    [Fact]
    public void Case_is_ignored_in_any_cased_script()
    {
        Steps(new HypothesisAgreement(), ("Привет мир", "", "Привет мир"), ("привет, Мир! как", "привет, Мир!", " как"));
    }

    [Fact]
    public void Chinese_is_confirmed_character_by_character_without_spaces()
    {
        Steps(
            new HypothesisAgreement(),
            ("今天天", "", "今天天"),
            ("今天天气很", "今天天", "气很"),
            ("今天天气很好，", "今天天气很", "好，"),
            ("今天天气很好，我们", "今天天气很好，", "我们"));
    }

    [Fact]
    public void Chinese_punctuation_is_its_own_unit_and_compares_as_written()
    {
        Steps(new HypothesisAgreement(), ("你好，", "", "你好，"), ("你好。世界", "你好", "。世界"));
    }

    [Fact]
    public void Japanese_mixes_kana_and_kanji_per_character()
    {
        Steps(new HypothesisAgreement(), ("こんにちは世", "", "こんにちは世"), ("こんにちは世界です", "こんにちは世", "界です"));
    }

    [Fact]
    public void Latin_inside_chinese_stays_one_word()
    {
        Assert.Equal(["我", "爱", "Python", "编", "程"], TextUnits.Split("我爱Python编程").Select(u => u.Value));
        Steps(new HypothesisAgreement(), ("我爱Python", "", "我爱Python"), ("我爱python编程", "我爱python", "编程"));
    }

    [Fact]
    public void Spaces_written_in_the_hypothesis_are_kept_between_units()
    {
        Steps(new HypothesisAgreement(), ("你好 世界", "", "你好 世界"), ("你好 世界 hello", "你好 世界", " hello"));
    }

    [Fact]
    public void Thai_is_split_into_characters_with_their_marks()
    {
        Assert.Equal(["ส", "วั", "ส", "ดี"], TextUnits.Split("สวัสดี").Select(u => u.Value));
    }

    [Fact]
    public void Join_gives_the_hypothesis_back_with_its_whitespace_normalised()
    {
        foreach (var text in new[] { "  hello\t world ", "你好，世界", "我爱 Python 编程", "Привет мир", "สวัสดี ครับ" })
        {
            Assert.Equal(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), TextUnits.Join(TextUnits.Split(text)));
        }
    }

    [Fact]
    public void Random_hypothesis_sequences_keep_the_invariants()
    {
        string[] vocabulary = ["he", "He", "was,", "not", "an", "ill", "你", "好", "。", "世界", "young", "man."];
        var random = new Random(20261130);
        for (var run = 0; run < 200; run++)
        {
            var agreement = new HypothesisAgreement();
            var words = new List<string>();
            var previousText = "";
            for (var step = 0; step < 30; step++)
            {
                if (words.Count > 0 && random.Next(3) == 0)
                {
                    words.RemoveAt(random.Next(words.Count));
                }

                for (var added = random.Next(3); added > 0; added--)
                {
                    words.Add(vocabulary[random.Next(vocabulary.Length)]);
                }

                var hypothesis = string.Join(random.Next(2) == 0 ? " " : "", words);
                var before = (agreement.Text, agreement.Stash);

                var changed = agreement.Update(hypothesis);

                Assert.Equal(changed, (agreement.Text, agreement.Stash) != before);
                Assert.StartsWith(previousText, agreement.Text, StringComparison.Ordinal);
                Assert.False(agreement.Text.StartsWith(' ') || agreement.Text.EndsWith(' '));
                Assert.False(agreement.Stash.EndsWith(' '));
                Assert.DoesNotContain("  ", agreement.Text + agreement.Stash, StringComparison.Ordinal);
                if (agreement.Text.Length == 0)
                {
                    Assert.False(agreement.Stash.StartsWith(' '));
                }

                previousText = agreement.Text;
            }
        }
    }
}
