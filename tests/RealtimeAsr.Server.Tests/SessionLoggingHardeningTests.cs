using Microsoft.Extensions.Logging;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>A client cannot fill the server's log: rejected events are logged at Information once per session.</summary>
[Collection(SessionHardeningTests.Name)]
public sealed class SessionLoggingHardeningTests
{
    private const string SessionCategory = "RealtimeAsr.Sessions.RealtimeSession";

    [Fact]
    public async Task A_flood_of_bad_events_logs_one_information_line_and_a_count()
    {
        await using var server = await SessionHardeningServer.StartAsync([]);
        await using (var client = await server.ConnectAsync())
        {
            for (var i = 0; i < 100; i++)
            {
                await client.SendJsonAsync("{not json");
            }

            await client.FinishAsync();
            var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, TimeSpan.FromSeconds(30));
            Assert.Equal(100, events.Count(e => e.Type == EventTypes.Error));
        }

        Assert.True(await Eventually.HoldsAsync(() => server.Logs.Any(e => e.Category == SessionCategory && e.EventId == 7)),
            "the number of rejected events was not logged when the session ended");
        var information = server.Logs.Where(e => e.Category == SessionCategory && e.Level >= LogLevel.Information && e.Message.Contains("reject", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, information.Count);
        Assert.Contains("100", information.Single(e => e.EventId == 7).Message, StringComparison.Ordinal);
        Assert.Equal(99, server.Logs.Count(e => e.Category == SessionCategory && e.Level == LogLevel.Debug && e.EventId == 6));
    }
}
