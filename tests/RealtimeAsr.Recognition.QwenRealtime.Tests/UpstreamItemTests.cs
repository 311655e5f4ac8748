using RealtimeAsr.Protocol;

namespace RealtimeAsr.Recognition.QwenRealtime.Tests;

/// <summary>How the upstream's events for one utterance become its partial and final result.</summary>
public sealed class UpstreamItemTests
{
    [Fact]
    public async Task The_last_partial_before_the_final_is_the_result_s_last_partial()
    {
        var item = new UpstreamItem();
        item.OnPartial(new RecognitionPartial("", "hello", "en"));
        item.OnPartial(new RecognitionPartial("hello", " world", "en"));
        item.OnCompleted("Hello world.", "en");
        // After the final, nothing changes it.
        item.OnPartial(new RecognitionPartial("late", "", "en"));
        item.OnFailed(new RecognitionFailedException(ErrorCodes.BackendUnavailable, "lost"));

        var result = await item.Final;

        Assert.Equal(new RecognitionPartial("hello", " world", "en"), result.LastPartial);
        Assert.Equal("Hello world.", result.Transcript);
        Assert.Equal("en", result.Language);
        Assert.Equal(new RecognitionPartial("hello", " world", "en"), item.Partial);
    }

    [Fact]
    public async Task Without_partials_the_transcript_is_confirmed_whole()
    {
        var item = new UpstreamItem();
        item.OnCompleted("今天天气不错。", "zh");

        var result = await item.Final;

        Assert.Equal(new RecognitionPartial("今天天气不错。", "", "zh"), result.LastPartial);
    }

    [Fact]
    public async Task The_first_failure_is_the_one_thrown()
    {
        var item = new UpstreamItem();
        item.OnFailed(new RecognitionFailedException(ErrorCodes.BackendUnauthorized, "refused"));
        item.OnFailed(new RecognitionFailedException(ErrorCodes.BackendUnavailable, "lost"));
        item.OnCompleted("too late", null);

        var failure = await Assert.ThrowsAsync<RecognitionFailedException>(() => item.Final);

        Assert.Equal(ErrorCodes.BackendUnauthorized, failure.Code);
    }

    [Fact]
    public void Only_the_upstream_s_own_outcome_answers_the_item()
    {
        var completed = new UpstreamItem();
        var refused = new UpstreamItem();
        var lost = new UpstreamItem();

        completed.OnCompleted("", null);
        refused.OnRefused(new RecognitionFailedException(ErrorCodes.ServerBusy, "busy"));
        lost.OnFailed(new RecognitionFailedException(ErrorCodes.BackendUnavailable, "lost"));
        // An answer after the item ended does not count: the item was failed first.
        lost.OnCompleted("late", null);

        Assert.True(completed.Answered);
        Assert.True(refused.Answered);
        Assert.False(lost.Answered);
        Assert.True(lost.IsDone);
    }
}
