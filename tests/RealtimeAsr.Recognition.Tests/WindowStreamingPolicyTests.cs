namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// The window-engine streaming policy driven by a scripted clock: times and audio lengths are passed in, decodes
/// finish when the test says so. Nothing here waits or measures time.
/// </summary>
public sealed class WindowStreamingPolicyTests
{
    private static long S(double seconds) => (long)(seconds * RecognitionAudio.SampleRate);

    private static TimeSpan T(double seconds) => TimeSpan.FromSeconds(seconds);

    // Windows short enough to script: 1 s partials, cut at a pause from 3 s, hard cut at 5 s.
    private static WindowStreamingPolicy Short() =>
        new(new WindowStreamingOptions { PartialInterval = T(1), MaxWindow = T(5), PauseCutAfter = T(3) });

    private static WindowDecode Partial(double start, double end) => new(WindowDecodeKind.Partial, S(start), S(end));

    private static WindowDecode Cut(double start, double end) => new(WindowDecodeKind.Cut, S(start), S(end));

    private static WindowDecode Final(double start, double end) => new(WindowDecodeKind.Final, S(start), S(end));

    [Fact]
    public void Defaults_are_one_second_partials_and_whispers_thirty_second_window()
    {
        var options = new WindowStreamingOptions();

        Assert.Equal((T(1), T(30), T(15)), (options.PartialInterval, options.MaxWindow, options.PauseCutAfter));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowStreamingPolicy(new WindowStreamingOptions { PartialInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowStreamingPolicy(new WindowStreamingOptions { MaxWindow = T(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowStreamingPolicy(new WindowStreamingOptions { PauseCutAfter = T(31) }));
    }

    [Fact]
    public void The_first_partial_decode_starts_after_one_interval_of_audio_and_covers_it_all()
    {
        var policy = new WindowStreamingPolicy(new WindowStreamingOptions());

        Assert.Null(policy.NextDecode(S(0.96), T(0.96)));
        Assert.Equal(Partial(0, 1.2), policy.NextDecode(S(1.2), T(1.2)));
    }

    [Fact]
    public void Only_one_decode_is_in_flight()
    {
        var policy = Short();
        var first = policy.NextDecode(S(1), T(1))!.Value;

        Assert.Null(policy.NextDecode(S(2), T(2)));
        Assert.Null(policy.NextDecode(S(3), T(3)));
        Assert.Equal(first, policy.InFlight);

        policy.Decoded(first, "one");
        Assert.Equal(Partial(0, 3), policy.NextDecode(S(3), T(3)));
    }

    [Fact]
    public void After_a_slow_decode_one_decode_covers_all_new_audio_and_the_stale_partials_are_skipped()
    {
        var policy = Short();
        var first = policy.NextDecode(S(1), T(1))!.Value;

        // The decode took 2.7 s; 2.7 s of audio arrived meanwhile. No decode for 2 s or 3 s is queued.
        policy.Decoded(first, "one");

        Assert.Equal(Partial(0, 3.7), policy.NextDecode(S(3.7), T(3.7)));
    }

    [Fact]
    public void No_partial_decode_without_a_new_interval_of_audio()
    {
        var policy = Short();
        policy.Decoded(policy.NextDecode(S(1), T(1))!.Value, "one");

        Assert.Null(policy.NextDecode(S(1.9), T(10)));
        Assert.NotNull(policy.NextDecode(S(2), T(10)));
    }

    [Fact]
    public void Audio_faster_than_real_time_is_decoded_at_most_once_per_interval_of_time()
    {
        var policy = Short();
        Assert.Equal(Partial(0, 2), policy.NextDecode(S(2), T(0.1)));
        policy.Decoded(Partial(0, 2), "one two");

        Assert.Null(policy.NextDecode(S(4), T(0.3)));
        Assert.Null(policy.NextDecode(S(4.5), T(1.09)));
        Assert.Equal(Partial(0, 4.5), policy.NextDecode(S(4.5), T(1.1)));
    }

    [Fact]
    public void Scripted_hypotheses_give_monotonic_text_and_the_stash_of_the_latest_one()
    {
        var policy = new WindowStreamingPolicy(new WindowStreamingOptions());
        var script = new (string Hypothesis, string Text, string Stash)[]
        {
            (" The", "", "The"),
            (" The quick brown", "The", " quick brown"),
            (" The quick brown fox", "The quick brown", " fox"),
            // Agreement ignores the comma; confirmed words keep the spelling they were confirmed with.
            (" The quick, brown fox jumps", "The quick brown fox", " jumps"),
            // A contradiction: the text stays, the stash is the new hypothesis after the confirmed word count.
            (" A quick brown box jumped over", "The quick brown fox", " jumped over"),
            (" A quick brown box jumped over the", "The quick brown fox jumped over", " the"),
        };

        for (var second = 1; second <= script.Length; second++)
        {
            var decode = policy.NextDecode(S(second), T(second))!.Value;
            Assert.Equal(Partial(0, second), decode);

            policy.Decoded(decode, script[second - 1].Hypothesis);

            Assert.Equal((script[second - 1].Text, script[second - 1].Stash), (policy.Text, policy.Stash));
        }
    }

    [Fact]
    public void The_final_is_one_decode_of_the_whole_utterance_and_may_differ_from_the_confirmed_text()
    {
        var policy = Short();
        policy.Decoded(policy.NextDecode(S(1), T(1))!.Value, "i scream");
        policy.Decoded(policy.NextDecode(S(2), T(2))!.Value, "i scream for");

        policy.End(S(2.4));
        var final = policy.NextDecode(S(2.4), T(2.4))!.Value;
        Assert.Equal(Final(0, 2.4), final);
        Assert.False(policy.IsComplete);

        Assert.False(policy.Decoded(final, " Ice cream for you."));

        Assert.True(policy.IsComplete);
        Assert.Equal("Ice cream for you.", policy.Transcript);
        Assert.Equal(("i scream", " for"), (policy.Text, policy.Stash));
        Assert.Null(policy.NextDecode(S(2.4), T(3)));
    }

    [Fact]
    public void A_partial_that_finishes_after_the_end_is_discarded_and_the_final_follows()
    {
        var policy = Short();
        policy.Decoded(policy.NextDecode(S(1), T(1))!.Value, "one");
        var partial = policy.NextDecode(S(2), T(2))!.Value;

        policy.End(S(2.5));
        Assert.Null(policy.NextDecode(S(2.5), T(2.5)));
        Assert.False(policy.Decoded(partial, "one two"));
        Assert.Equal(("", "one"), (policy.Text, policy.Stash));

        var final = policy.NextDecode(S(2.5), T(2.6))!.Value;
        Assert.Equal(Final(0, 2.5), final);
        policy.Decoded(final, "one two three");
        Assert.Equal("one two three", policy.Transcript);
    }

    [Fact]
    public void A_short_utterance_gets_only_the_final_decode()
    {
        var policy = Short();
        Assert.Null(policy.NextDecode(S(0.5), T(0.5)));

        policy.End(S(0.7));

        Assert.Equal(Final(0, 0.7), policy.NextDecode(0, T(0.7)));
    }

    [Fact]
    public void An_utterance_without_audio_completes_empty_without_a_decode()
    {
        var policy = Short();

        policy.End(0);

        Assert.True(policy.IsComplete);
        Assert.Equal("", policy.Transcript);
        Assert.Null(policy.NextDecode(0, T(1)));
    }

    [Fact]
    public void A_window_without_pauses_is_cut_at_the_window_limit_and_the_next_window_continues_the_text()
    {
        var policy = Short();
        for (var second = 1; second <= 4; second++)
        {
            policy.Decoded(policy.NextDecode(S(second), T(second))!.Value, string.Join(' ', Enumerable.Range(1, second).Select(i => $"w{i}")));
        }

        var cut = policy.NextDecode(S(5), T(5))!.Value;
        Assert.Equal(Cut(0, 5), cut);
        Assert.True(policy.Decoded(cut, "w1 w2 w3 w4 w5"));
        Assert.Equal(("w1 w2 w3 w4 w5", ""), (policy.Text, policy.Stash));
        Assert.Equal(S(5), policy.WindowStart);
        Assert.Equal("w1 w2 w3 w4 w5", policy.ClosedText);

        var next = policy.NextDecode(S(6), T(6))!.Value;
        Assert.Equal(Partial(5, 6), next);
        policy.Decoded(next, " w6");
        Assert.Equal(("w1 w2 w3 w4 w5", " w6"), (policy.Text, policy.Stash));
        policy.Decoded(policy.NextDecode(S(7), T(7))!.Value, " w6 w7");
        Assert.Equal(("w1 w2 w3 w4 w5 w6", " w7"), (policy.Text, policy.Stash));

        policy.End(S(7.5));
        var final = policy.NextDecode(S(7.5), T(7.5))!.Value;
        Assert.Equal(Final(5, 7.5), final);
        policy.Decoded(final, " w6 w7 w8.");
        Assert.Equal("w1 w2 w3 w4 w5 w6 w7 w8.", policy.Transcript);
    }

    [Fact]
    public void A_pause_cuts_the_window_once_it_is_long_enough_at_the_latest_pause()
    {
        var policy = Short();
        policy.AddPause(S(1.4));
        policy.Decoded(policy.NextDecode(S(1), T(1))!.Value, "a");
        policy.AddPause(S(1.6));

        // 2 s is shorter than PauseCutAfter (3 s): a partial, not a cut.
        Assert.Equal(Partial(0, 2), policy.NextDecode(S(2), T(2)));
        policy.Decoded(Partial(0, 2), "a b");
        policy.AddPause(S(2.5));

        var cut = policy.NextDecode(S(3), T(3))!.Value;
        Assert.Equal(Cut(0, 2.5), cut);
        policy.Decoded(cut, "a b c");

        // The 0.5 s after the pause belong to the next window; its first partial comes one interval after that.
        Assert.Null(policy.NextDecode(S(3.4), T(4)));
        Assert.Equal(Partial(2.5, 3.5), policy.NextDecode(S(3.5), T(4)));
    }

    [Fact]
    public void Pauses_beyond_the_window_limit_do_not_make_a_longer_window()
    {
        var policy = Short();
        policy.AddPause(S(5.5));

        Assert.Equal(Cut(0, 5), policy.NextDecode(S(6), T(0)));
    }

    [Fact]
    public void Pauses_before_the_window_are_ignored()
    {
        var policy = Short();
        policy.AddPause(S(2));
        Assert.Equal(Cut(0, 2), policy.NextDecode(S(3), T(3)));
        policy.Decoded(Cut(0, 2), "a b");

        policy.AddPause(S(1));

        Assert.Equal(Partial(2, 4), policy.NextDecode(S(4), T(4)));
        policy.Decoded(Partial(2, 4), "c");
        Assert.Equal(Cut(2, 7), policy.NextDecode(S(7), T(7)));
    }

    [Fact]
    public void Audio_longer_than_a_window_at_the_end_is_cut_before_the_final_and_nothing_is_dropped()
    {
        var policy = Short();
        policy.AddPause(S(4));
        policy.End(S(12));

        var decodes = new List<WindowDecode>();
        var words = new[] { "one two", "three four", "five" };
        while (!policy.IsComplete)
        {
            var decode = policy.NextDecode(S(12), T(12))!.Value;
            decodes.Add(decode);
            policy.Decoded(decode, words[decodes.Count - 1]);
        }

        Assert.Equal([Cut(0, 4), Cut(4, 9), Final(9, 12)], decodes);
        Assert.Equal("one two three four five", policy.Transcript);
        Assert.Equal(("one two three four", ""), (policy.Text, policy.Stash));
    }

    [Fact]
    public void A_window_exactly_as_long_as_the_limit_at_the_end_is_decoded_as_the_final()
    {
        var policy = Short();

        policy.End(S(5));

        Assert.Equal(Final(0, 5), policy.NextDecode(S(5), T(5)));
    }

    [Fact]
    public void When_the_end_falls_on_a_cut_its_text_is_the_transcript()
    {
        var policy = Short();
        var cut = policy.NextDecode(S(5), T(5))!.Value;

        policy.End(S(5));
        policy.Decoded(cut, "all of it");

        Assert.True(policy.IsComplete);
        Assert.Equal("all of it", policy.Transcript);
    }

    [Fact]
    public void A_cut_that_contradicts_the_confirmed_text_keeps_the_text_and_the_transcript_follows_the_cut()
    {
        var policy = Short();
        policy.Decoded(policy.NextDecode(S(3), T(3))!.Value, "i scream for");
        policy.Decoded(policy.NextDecode(S(4), T(4))!.Value, "i scream for you");
        var cut = policy.NextDecode(S(5), T(5))!.Value;

        Assert.True(policy.Decoded(cut, "ice cream for you and"));

        Assert.Equal(("i scream for you and", ""), (policy.Text, policy.Stash));
        policy.End(S(5.5));
        policy.Decoded(policy.NextDecode(S(5.5), T(5.5))!.Value, "me");
        Assert.Equal("ice cream for you and me", policy.Transcript);
    }

    [Fact]
    public void At_the_end_a_window_that_fits_is_decoded_whole_even_with_a_pause_in_it()
    {
        var policy = Short();
        policy.AddPause(S(2));

        policy.End(S(4.5));

        Assert.Equal(Final(0, 4.5), policy.NextDecode(S(4.5), T(4.5)));
    }

    [Fact]
    public void Chinese_windows_join_without_spaces()
    {
        var policy = Short();
        policy.Decoded(policy.NextDecode(S(5), T(5))!.Value, "今天天气很好。");
        policy.Decoded(policy.NextDecode(S(6), T(6))!.Value, "我们");
        Assert.Equal(("今天天气很好。", "我们"), (policy.Text, policy.Stash));
        policy.Decoded(policy.NextDecode(S(7), T(7))!.Value, "我们去公园");
        Assert.Equal(("今天天气很好。我们", "去公园"), (policy.Text, policy.Stash));

        policy.End(S(7.5));
        policy.Decoded(policy.NextDecode(S(7.5), T(7.5))!.Value, "我们去公园吧。");
        Assert.Equal("今天天气很好。我们去公园吧。", policy.Transcript);
    }

    [Fact]
    public void A_decode_that_is_not_in_flight_is_refused()
    {
        var policy = Short();
        Assert.Throws<InvalidOperationException>(() => policy.Decoded(Partial(0, 1), "x"));

        policy.NextDecode(S(2), T(2));

        Assert.Throws<InvalidOperationException>(() => policy.Decoded(Partial(0, 1), "x"));
    }

    [Fact]
    public void Random_runs_cover_the_audio_once_in_order_with_one_decode_in_flight_and_monotonic_text()
    {
        string[] vocabulary = ["he", "was", "not", "an", "ill", "disposed", "young", "man", "你", "好"];
        var random = new Random(20261130);
        for (var run = 0; run < 100; run++)
        {
            var policy = Short();
            var now = TimeSpan.Zero;
            long audio = 0;
            var end = S(random.Next(1, 25));
            WindowDecode? inFlight = null;
            var finishAt = TimeSpan.Zero;
            long covered = 0;
            var previousText = "";
            var words = new List<string>();

            while (!policy.IsComplete)
            {
                now += T(0.1 * random.Next(1, 4));
                if (audio < end)
                {
                    audio = Math.Min(end, audio + S(0.1 * random.Next(0, 6)));
                    if (audio == end)
                    {
                        policy.End(audio);
                    }
                    else if (random.Next(8) == 0)
                    {
                        policy.AddPause(audio - S(0.1));
                    }
                }

                if (inFlight is { } decode && now >= finishAt)
                {
                    words.Add(vocabulary[random.Next(vocabulary.Length)]);
                    if (random.Next(4) == 0)
                    {
                        words.RemoveAt(random.Next(words.Count));
                    }

                    policy.Decoded(decode, string.Join(' ', words));
                    inFlight = null;
                    Assert.StartsWith(previousText, policy.Text, StringComparison.Ordinal);
                    previousText = policy.Text;
                    if (decode.Kind == WindowDecodeKind.Cut)
                    {
                        words.Clear();
                    }
                }

                var next = policy.NextDecode(audio, now);
                if (inFlight is not null)
                {
                    Assert.Null(next);
                }
                else if (next is { } started)
                {
                    Assert.Equal(covered, started.Start);
                    Assert.InRange(started.Length, 1, S(5));
                    Assert.InRange(started.End, 1, audio);
                    if (started.Kind != WindowDecodeKind.Partial)
                    {
                        covered = started.End;
                    }

                    inFlight = started;
                    finishAt = now + T(0.1 * random.Next(0, 30));
                }
            }

            Assert.Equal(end, covered);
            Assert.NotNull(policy.Transcript);
        }
    }
}
