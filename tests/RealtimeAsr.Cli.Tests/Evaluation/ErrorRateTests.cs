using RealtimeAsr.Cli.Evaluation;

namespace RealtimeAsr.Cli.Tests.Evaluation;

/// <summary>WER and CER on cases worked out by hand, with sclite's weights (correct 0, substitution 4, insertion 3, deletion 3).</summary>
public sealed class ErrorRateTests
{
    private static readonly TranscriptScorer s_scorer = new(new DefaultTextNormalizer());

    [Fact]
    public void Empty_reference_and_hypothesis_have_no_errors_and_no_rate()
    {
        var score = s_scorer.Score("", "");

        Assert.Equal(default, score.Words);
        Assert.Equal(0, score.Words.ReferenceCount);
        Assert.Null(score.Words.Rate);
        Assert.Null(score.Characters.Rate);
    }

    [Fact]
    public void An_empty_reference_makes_every_hypothesis_word_an_insertion_and_the_rate_undefined()
    {
        var score = s_scorer.Score("", "uh huh");

        Assert.Equal(new ErrorCounts(0, 0, 0, 2), score.Words);
        Assert.Equal(2, score.Words.Errors);
        Assert.Null(score.Words.Rate);
        Assert.Equal(new ErrorCounts(0, 0, 0, 5), score.Characters);
    }

    [Fact]
    public void An_empty_hypothesis_deletes_every_reference_word()
    {
        var score = s_scorer.Score("the cat sat", "");

        Assert.Equal(new ErrorCounts(0, 0, 3, 0), score.Words);
        Assert.Equal(1.0, score.Words.Rate);
        Assert.Equal(new ErrorCounts(0, 0, 9, 0), score.Characters);
    }

    [Fact]
    public void Insertions_alone_can_push_the_rate_above_one()
    {
        var score = s_scorer.Score("yes no", "um yes well no so");

        Assert.Equal(new ErrorCounts(2, 0, 0, 3), score.Words);
        Assert.Equal(1.5, score.Words.Rate);
    }

    [Fact]
    public void A_wrong_word_is_one_substitution_not_a_deletion_and_an_insertion()
    {
        // Substitution costs 4, deletion + insertion 6.
        var score = s_scorer.Score("a b c", "a x c");

        Assert.Equal(new ErrorCounts(2, 1, 0, 0), score.Words);
        Assert.Equal(1.0 / 3, score.Words.Rate!.Value, 10);
    }

    [Fact]
    public void A_shifted_sentence_is_one_deletion_and_one_insertion_not_four_substitutions()
    {
        // Deletion + insertion costs 6, four substitutions 16.
        var score = s_scorer.Score("a b c d", "b c d e");

        Assert.Equal(new ErrorCounts(3, 0, 1, 1), score.Words);
        Assert.Equal(0.5, score.Words.Rate);
    }

    [Fact]
    public void Between_equal_cost_alignments_substitutions_win_as_in_sclite()
    {
        // Three substitutions (12) or "c c" inserted, "a" correct, "b b" deleted (3 × 4 = 12): sclite reports 3 substitutions.
        var score = s_scorer.Score("a b b", "c c a");

        Assert.Equal(new ErrorCounts(0, 3, 0, 0), score.Words);
    }

    [Fact]
    public void Chinese_is_one_word_per_phrase_but_scored_per_character()
    {
        var score = s_scorer.Score("我们今天去公园。", "我门今天去公园了");

        // Words: the whole phrase is one token, and it is wrong.
        Assert.Equal(new ErrorCounts(0, 1, 0, 0), score.Words);
        // Characters: 们→门 substituted, 了 inserted; 7 reference characters (the full stop is punctuation).
        Assert.Equal(new ErrorCounts(6, 1, 0, 1), score.Characters);
        Assert.Equal(2.0 / 7, score.Characters.Rate!.Value, 10);
    }

    [Fact]
    public void Japanese_and_thai_are_scored_per_code_point()
    {
        var japanese = s_scorer.Score("こんにちは、世界", "こんにちわ世界");
        var thai = s_scorer.Score("สวัสดีครับ", "สวัสดีค่ะ");

        Assert.Equal(new ErrorCounts(6, 1, 0, 0), japanese.Characters);
        // ครับ (ค ร ั บ) against ค่ะ (ค ่ ะ): ค correct, two substitutions, one deletion.
        Assert.Equal(new ErrorCounts(7, 2, 1, 0), thai.Characters);
    }

    [Fact]
    public void Characters_ignore_where_the_spaces_are()
    {
        var score = s_scorer.Score("ice cream", "icecream");

        Assert.Equal(new ErrorCounts(0, 1, 1, 0), score.Words);
        Assert.Equal(0.0, score.Characters.Rate);
    }

    [Fact]
    public void Counts_add_up_and_the_total_rate_weights_files_by_their_length()
    {
        var shortFile = s_scorer.Score("yes", "no");                                   // 1 error in 1 word
        var longFile = s_scorer.Score("one two three four five six seven eight nine", "one two three four five six seven eight nine"); // 0 in 9

        var total = ErrorCounts.Sum([shortFile.Words, longFile.Words]);

        Assert.Equal(new ErrorCounts(9, 1, 0, 0), total);
        Assert.Equal(0.1, total.Rate);   // not (1.0 + 0.0) / 2
    }

    [Fact]
    public void The_alignment_pairs_tokens_in_order()
    {
        var alignment = LevenshteinAligner.Align(["a", "b", "c"], ["a", "c", "d"]);

        Assert.Equal(
            [
                new AlignedPair(EditOperation.Correct, "a", "a"),
                new AlignedPair(EditOperation.Deletion, "b", null),
                new AlignedPair(EditOperation.Correct, "c", "c"),
                new AlignedPair(EditOperation.Insertion, null, "d"),
            ],
            alignment);
    }
}
