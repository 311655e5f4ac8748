using RealtimeAsr.Cli.Audio;
using RealtimeAsr.Cli.Measurement;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Tests.Measurement;

/// <summary>What is taken from the events of a session: item order, the hypothesis, revisions, failures, send times.</summary>
public sealed class SessionRecorderTests
{
    [Fact]
    public void The_hypothesis_joins_the_finals_in_item_order_whatever_order_they_complete_in()
    {
        var recorder = new SessionRecorder();
        recorder.Observe(new SpeechStartedEvent { ItemId = "i1" }, 1);
        recorder.Observe(new SpeechStartedEvent { ItemId = "i2" }, 2);
        recorder.Observe(new TranscriptionCompletedEvent { ItemId = "i2", Transcript = " second " }, 3);
        recorder.Observe(new SpeechStartedEvent { ItemId = "i3" }, 4);
        recorder.Observe(new TranscriptionFailedEvent { ItemId = "i3", Error = new TranscriptionError { Code = "audio_unintelligible", Message = "no words" } }, 5);
        recorder.Observe(new TranscriptionCompletedEvent { ItemId = "i1", Transcript = "First." }, 6);

        Assert.Equal("First. second", recorder.Hypothesis());
        Assert.Equal(["i1", "i2", "i3"], recorder.Utterances.Select(u => u.ItemId));
        Assert.Equal("audio_unintelligible: no words", recorder.Utterances[2].Failure);
        Assert.Equal(6, recorder.Utterances[0].CompletedAt);
    }

    [Fact]
    public void A_text_that_does_not_extend_the_previous_text_is_a_revision()
    {
        var recorder = new SessionRecorder();
        foreach (var text in new[] { "", "the", "the cat", "the cat", "a cat", "a cat sat" })
        {
            recorder.Observe(new TranscriptionTextEvent { ItemId = "i1", Text = text, Stash = " draft" }, 1);
        }

        var item = Assert.Single(recorder.Utterances);
        Assert.Equal(6, item.TextEvents);
        Assert.Equal(1, item.Revisions);
        Assert.Equal(1, item.FirstTextAt);
    }

    [Fact]
    public void The_first_error_event_is_kept_and_any_event_means_connected()
    {
        var recorder = new SessionRecorder();
        Assert.False(recorder.Connected);

        recorder.Observe(new SessionCreatedEvent(), 1);
        recorder.Observe(new ErrorEvent { Error = new ErrorDetail { Code = "first" } }, 2);
        recorder.Observe(new ErrorEvent { Error = new ErrorDetail { Code = "second" } }, 3);

        Assert.True(recorder.Connected);
        Assert.Equal("first", recorder.Error!.Error.Code);
    }

    [Fact]
    public void The_send_time_of_an_audio_position_is_that_of_the_chunk_holding_it()
    {
        using var timeline = new SendTimeline(new PcmTimeline(16000));
        var times = new List<long>();
        foreach (var bytes in new long[] { 3200, 6400, 9600 }) // 100, 200, 300 ms
        {
            timeline.Report(bytes);
            times.Add(timeline.LastSentAt!.Value);
        }

        Assert.Equal(times[0], timeline.SentAt(0));
        Assert.Equal(times[1], timeline.SentAt(150));
        Assert.Equal(times[1], timeline.SentAt(200));
        Assert.Equal(times[2], timeline.SentAt(201));
        Assert.Equal(times[2], timeline.SentAt(5000));
        Assert.Equal(300, timeline.MillisecondsSent);
        Assert.Equal(9600, timeline.BytesSent);
    }
}
