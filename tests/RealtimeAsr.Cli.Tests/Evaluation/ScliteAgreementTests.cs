using RealtimeAsr.Cli.Evaluation;
using RealtimeAsr.Cli.Tests.Support;
using Xunit.Abstractions;

namespace RealtimeAsr.Cli.Tests.Evaluation;

/// <summary>
/// Our alignment counts equal NIST sclite's, pair by pair and in total, on hand-picked tricky alignments (equal-cost
/// alternatives, empty sides, repeats) and on random pairs over a small vocabulary, where ties are frequent.
/// </summary>
public sealed class ScliteAgreementTests(ITestOutputHelper output)
{
    private static readonly (string Reference, string Hypothesis)[] s_tricky =
    [
        ("the cat sat on the mat", "the cat sat on the mat"),
        ("", "uh huh"),
        ("", ""),
        ("nothing was heard", ""),
        ("a b c", "a x c"),
        ("a b c d", "b c d e"),
        ("a b b", "c c a"),
        ("b b a a", "a c c c"),
        ("c a a", "b b b b c"),
        ("c c a", "a b b b"),
        ("the the the cat", "the cat cat"),
        ("he was not an ill disposed young man", "he was not until disclosed young man"),
        ("and mister john dashwood had then leisure to consider", "and mr john guess would have done and leisure to consider"),
        ("unless to be rather cold hearted", "unless to be rather cold hearted and rather selfish"),
        ("don't you know it's fine", "do you know its fine"),
    ];

    [Fact]
    public void Word_counts_equal_sclites_on_tricky_alignments()
    {
        AssertAgreement(s_tricky.Select(pair => (Words(pair.Reference), Words(pair.Hypothesis))).ToList());
    }

    [Fact]
    public void Word_counts_equal_sclites_on_random_pairs()
    {
        var random = new Random(20240607);
        var vocabulary = new[] { "a", "b", "c", "d" };
        string Sentence() => string.Join(' ', Enumerable.Range(0, random.Next(0, 9)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
        var pairs = Enumerable.Range(0, 200).Select(_ => (Words(Sentence()), Words(Sentence()))).ToList();

        AssertAgreement(pairs);
    }

    [Fact]
    public void Character_counts_equal_sclites_on_characters_as_words()
    {
        (string, string)[] texts =
        [
            ("我们今天去公园。", "我门今天去公园了"),
            ("今天天气很好", "天气很好今天"),
            ("こんにちは、世界", "こんにちわ世界"),
            ("สวัสดีครับ", "สวัสดีค่ะ"),
            ("ice cream", "icecream"),
            ("he was not an ill disposed young man", "he was not until disclosed young man"),
        ];

        AssertAgreement(texts.Select(pair => (Characters(pair.Item1), Characters(pair.Item2))).ToList());
    }

    private void AssertAgreement(List<(string[] Reference, string[] Hypothesis)> pairs)
    {
        var sclite = Sclite.Score(pairs.Select(pair => (string.Join(' ', pair.Reference), string.Join(' ', pair.Hypothesis))).ToList());
        var ours = pairs.Select(pair => ErrorCounts.Of(LevenshteinAligner.Align(pair.Reference, pair.Hypothesis))).ToList();

        for (var i = 0; i < pairs.Count; i++)
        {
            var theirs = sclite[Sclite.Speaker(i)];
            var label = $"pair {i}: '{string.Join(' ', pairs[i].Reference)}' / '{string.Join(' ', pairs[i].Hypothesis)}'";
            Assert.True(
                (theirs.Correct, theirs.Substitutions, theirs.Deletions, theirs.Insertions, theirs.Words)
                    == (ours[i].Correct, ours[i].Substitutions, ours[i].Deletions, ours[i].Insertions, ours[i].ReferenceCount),
                $"{label}: sclite {theirs}, ours {ours[i]}");
        }

        var total = ErrorCounts.Sum(ours);
        var sum = sclite["Sum"];
        output.WriteLine($"sclite Sum: {sum}; ours: {total}");
        Assert.Equal((sum.Words, sum.Correct, sum.Substitutions, sum.Deletions, sum.Insertions, sum.Errors),
            (total.ReferenceCount, total.Correct, total.Substitutions, total.Deletions, total.Insertions, total.Errors));
    }

    private static string[] Words(string text) => ScoringUnits.Words(new DefaultTextNormalizer().Normalize(text));

    private static string[] Characters(string text) => ScoringUnits.Characters(new DefaultTextNormalizer().Normalize(text));
}
