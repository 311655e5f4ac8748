using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;
using Xunit.Abstractions;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// A short soak: sessions churned for tens of seconds (connect, speak, finish, reconnect; VAD and Manual alternating) on
/// a server of their own, as many at once as it admits. Every committed item gets exactly one <c>.completed</c> or
/// <c>.failed</c>, every session ends with <c>session.finished</c>, and the server ends with no session or decoder held.
/// The benchmark's <c>--soak-minutes</c> runs the same for minutes and watches memory (docs/BENCHMARKS.md).
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Churned_sessions_lose_no_final()
    {
        await using var app = await ConfiguredServer.StartAsync();
        var loops = app.Services.GetRequiredService<SessionAdmission>().MaxSessions(
            app.Services.GetRequiredService<EngineRegistry>()[EngineRegistry.EmbeddedEngineName].Engine!) ?? 4;
        var clips = TestAudio.LibriVoxClips();
        var clock = Stopwatch.StartNew();
        var tallies = await Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var tally = new Tally();
            for (var round = 0; clock.Elapsed < s_duration; round++)
            {
                await RunSessionAsync(app, clips[(loop + round) % clips.Count].Samples, serverVad: (loop + round) % 2 == 0, tally);
            }

            return tally;
        })));

        var sessions = tallies.Sum(t => t.Sessions);
        var items = tallies.Sum(t => t.Items);
        output.WriteLine($"{loops} loops, {sessions} sessions, {items} items, {tallies.Sum(t => t.Failed.Count)} failed: "
            + string.Join(", ", tallies.SelectMany(t => t.Failed).GroupBy(code => code).Select(g => $"{g.Key} × {g.Count()}")));
        Assert.True(sessions >= loops, $"only {sessions} sessions ran");
        Assert.Empty(tallies.SelectMany(t => t.Problems));
        Assert.True(await Eventually.HoldsAsync(() => app.Services.GetRequiredService<SessionAdmission>().ActiveSessions == 0), "a session kept its place");
    }

    private static async Task RunSessionAsync(WebApplication app, short[] clip, bool serverVad, Tally tally)
    {
        await using var client = await RawRealtimeClient.ConnectAsync(app.RealtimeUri(ServerFixture.Model), ServerFixture.ApiKey);
        await client.UpdateAsync(serverVad
            ? """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":{"type":"server_vad","silence_duration_ms":400}}"""
            : """{"input_audio_format":"pcm","sample_rate":16000,"turn_detection":null}""");
        await client.AppendChunkedAsync(TestAudio.ToBytes(TestAudio.Join([clip], gapMs: 1000)));
        if (!serverVad)
        {
            await client.CommitAsync();
        }

        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, TimeSpan.FromSeconds(60));
        tally.Add(events.Select(e => e.Event).ToList(), serverVad);
    }

    private sealed class Tally
    {
        public int Sessions { get; private set; }

        public int Items { get; private set; }

        public List<string> Failed { get; } = [];

        public List<string> Problems { get; } = [];

        public void Add(IReadOnlyList<ServerEvent> events, bool serverVad)
        {
            Sessions++;
            var committed = events.OfType<InputAudioBufferCommittedEvent>().Select(e => e.ItemId).ToList();
            var results = events.OfType<TranscriptionCompletedEvent>().Select(e => e.ItemId)
                .Concat(events.OfType<TranscriptionFailedEvent>().Select(e => e.ItemId)).ToList();
            Items += committed.Count;
            Failed.AddRange(events.OfType<TranscriptionFailedEvent>().Select(e => e.Error.Code));
            if (committed.Count == 0)
            {
                Problems.Add($"a {(serverVad ? "VAD" : "Manual")} session committed nothing");
            }

            Problems.AddRange(committed.Where(id => results.Count(r => r == id) != 1).Select(id => $"item {id} got {results.Count(r => r == id)} results"));
            Problems.AddRange(events.OfType<ErrorEvent>().Select(e => $"error {e.Error.Code}: {e.Error.Message}"));
        }
    }
}
