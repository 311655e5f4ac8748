using System.Text.Json;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>The OpenAI dialect's event shapes, GA and beta, over a raw WebSocket with real speech.</summary>
[Collection(SharedServer.Name)]
public sealed class OpenAIRealtimeEventTests(ServerFixture server)
{
    private static byte[] At24k(short[] samples16k) => TestAudio.ToBytes(TestAudio.ResampleWithSox(samples16k, 24000));

    private static string Text(JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            e = e.GetProperty(name);
        }

        return e.ValueKind == JsonValueKind.Null ? "null" : e.ToString();
    }

    [Fact]
    public async Task GA_session_created_and_updated_echo_the_transcription_configuration()
    {
        await using var client = await OpenAIRawClient.ConnectAsync(server);
        var created = await client.ReceiveAsync();

        Assert.Equal("session.created", OpenAIRawClient.Type(created));
        Assert.Equal("transcription", Text(created, "session", "type"));
        Assert.StartsWith("sess_", Text(created, "session", "id"), StringComparison.Ordinal);
        Assert.Equal("audio/pcm", Text(created, "session", "audio", "input", "format", "type"));
        Assert.Equal("24000", Text(created, "session", "audio", "input", "format", "rate"));
        Assert.Equal("server_vad", Text(created, "session", "audio", "input", "turn_detection", "type"));

        await client.SendAsync("""
            {"type":"session.update","session":{"type":"transcription","audio":{"input":{
              "format":{"type":"audio/pcmu"},
              "transcription":{"model":"gpt-4o-mini-transcribe","language":"en-US","prompt":"Dashwood, Norland"},
              "noise_reduction":{"type":"near_field"},
              "turn_detection":{"type":"semantic_vad","eagerness":"high"}}},
              "include":["item.input_audio_transcription.logprobs"]}}
            """);
        var updated = await client.ReceiveAsync();

        Assert.Equal("session.updated", OpenAIRawClient.Type(updated));
        var input = updated.GetProperty("session").GetProperty("audio").GetProperty("input");
        Assert.Equal("audio/pcmu", Text(input, "format", "type"));
        Assert.Equal("8000", Text(input, "format", "rate"));
        Assert.Equal("gpt-4o-mini-transcribe", Text(input, "transcription", "model"));
        Assert.Equal("en", Text(input, "transcription", "language"));
        Assert.Equal("Dashwood, Norland", Text(input, "transcription", "prompt"));
        Assert.Equal("near_field", Text(input, "noise_reduction", "type"));
        Assert.Equal("semantic_vad", Text(input, "turn_detection", "type"));
        Assert.Equal("high", Text(input, "turn_detection", "eagerness"));
        Assert.Equal("item.input_audio_transcription.logprobs", updated.GetProperty("session").GetProperty("include")[0].GetString());

        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"turn_detection":{"type":"server_vad","threshold":0.4,"silence_duration_ms":100}}}}}""");
        var vad = (await client.ReceiveUntilAsync("session.updated")).GetProperty("session").GetProperty("audio").GetProperty("input");
        Assert.Equal("audio/pcmu", Text(vad, "format", "type")); // a partial update keeps what it does not name
        Assert.Equal("0.4", Text(vad, "turn_detection", "threshold"));
        Assert.Equal("200", Text(vad, "turn_detection", "silence_duration_ms")); // clamped to the VAD's shortest

        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"turn_detection":null}}}}""");
        Assert.Equal("null", Text(await client.ReceiveUntilAsync("session.updated"), "session", "audio", "input", "turn_detection"));
    }

    [Fact]
    public async Task GA_Manual_mode_commit_gives_committed_item_added_and_done_deltas_and_completed_in_order()
    {
        var clip = TestAudio.LibriVoxClips()[1];
        await using var client = await OpenAIRawClient.ConnectAsync(server);
        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"turn_detection":null}}}}""");
        await client.AppendAsync(At24k(clip.Samples));
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        await client.ReceiveCompletedAsync(1);

        var types = client.Received.Select(OpenAIRawClient.Type).Where(t => t != OpenAIRawClient.Delta).ToList();
        Assert.Equal(["session.created", "session.updated", "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done", OpenAIRawClient.Completed], types);
        var committed = client.Received.Single(e => OpenAIRawClient.Type(e) == "input_audio_buffer.committed");
        var added = client.Received.Single(e => OpenAIRawClient.Type(e) == "conversation.item.added");
        var itemId = Text(committed, "item_id");
        Assert.Equal(itemId, Text(added, "item", "id"));
        Assert.Equal("input_audio", Text(added.GetProperty("item").GetProperty("content")[0], "type"));
        Assert.Equal("null", Text(committed, "previous_item_id"));

        var (item, deltas, transcript) = Assert.Single(client.Transcripts());
        Assert.Equal(itemId, item);
        Assert.NotEmpty(transcript);
        // The final extends what was confirmed here: the deltas add up to the transcript exactly.
        Assert.Equal(transcript, deltas);
        Assert.All(client.Received.Where(e => OpenAIRawClient.Type(e) == OpenAIRawClient.Delta), d => Assert.Equal(0, d.GetProperty("content_index").GetInt32()));
        Assert.True(WordErrorRate.Compute(clip.Transcript, transcript) < 0.5, transcript);
    }

    [Fact]
    public async Task Beta_transcription_session_update_gets_beta_events_and_the_same_transcription()
    {
        var clip = TestAudio.LibriVoxClips()[1];
        await using var client = await OpenAIRawClient.ConnectAsync(server, beta: true);
        var created = await client.ReceiveAsync();
        Assert.Equal("transcription_session.created", OpenAIRawClient.Type(created));
        Assert.Equal("pcm16", Text(created, "session", "input_audio_format"));

        await client.SendAsync("""
            {"type":"transcription_session.update","session":{"input_audio_format":"pcm16",
             "input_audio_transcription":{"model":"whisper-1","language":"en"},"turn_detection":null,
             "input_audio_noise_reduction":{"type":"far_field"}}}
            """);
        var updated = await client.ReceiveAsync();
        Assert.Equal("transcription_session.updated", OpenAIRawClient.Type(updated));
        Assert.Equal("pcm16", Text(updated, "session", "input_audio_format"));
        Assert.Equal("whisper-1", Text(updated, "session", "input_audio_transcription", "model"));
        Assert.Equal("en", Text(updated, "session", "input_audio_transcription", "language"));
        Assert.Equal("null", Text(updated, "session", "turn_detection"));
        Assert.Equal("far_field", Text(updated, "session", "input_audio_noise_reduction", "type"));

        await client.AppendAsync(At24k(clip.Samples));
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        await client.ReceiveCompletedAsync(1);

        var types = client.Received.Select(OpenAIRawClient.Type).Where(t => t != OpenAIRawClient.Delta).ToList();
        Assert.Equal(["transcription_session.created", "transcription_session.updated", "input_audio_buffer.committed", "conversation.item.created", OpenAIRawClient.Completed], types);
        var (_, deltas, transcript) = Assert.Single(client.Transcripts());
        Assert.Equal(transcript, deltas);

        // The GA client's transcript of the same audio: one session core behind both shapes.
        await using var ga = await OpenAIRawClient.ConnectAsync(server);
        await ga.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"turn_detection":null}}}}""");
        await ga.AppendAsync(At24k(clip.Samples));
        await ga.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        await ga.ReceiveCompletedAsync(1);
        Assert.Equal(transcript, Assert.Single(ga.Transcripts()).Transcript);
    }

    [Fact]
    public async Task A_beta_update_without_the_beta_header_switches_the_events_to_the_beta_shape()
    {
        await using var client = await OpenAIRawClient.ConnectAsync(server);
        Assert.Equal("session.created", OpenAIRawClient.Type(await client.ReceiveAsync()));
        await client.SendAsync("""{"type":"transcription_session.update","session":{"input_audio_format":"g711_alaw"}}""");
        var updated = await client.ReceiveAsync();

        Assert.Equal("transcription_session.updated", OpenAIRawClient.Type(updated));
        Assert.Equal("g711_alaw", Text(updated, "session", "input_audio_format"));
    }

    [Fact]
    public async Task Clear_empties_the_buffer_and_answers_input_audio_buffer_cleared()
    {
        var clip = TestAudio.LibriVoxClips()[1];
        await using var client = await OpenAIRawClient.ConnectAsync(server);
        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"turn_detection":null}}}}""");
        await client.AppendAsync(At24k(clip.Samples));
        await client.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.ReceiveUntilAsync("input_audio_buffer.cleared");
        await client.SendAsync("""{"type":"input_audio_buffer.commit","event_id":"c1"}""");

        Assert.Equal("input_audio_buffer_commit_empty", Text(await client.ReceiveUntilAsync("error"), "error", "code"));
    }
}
