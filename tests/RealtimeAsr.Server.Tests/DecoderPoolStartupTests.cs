namespace RealtimeAsr.Server.Tests;

/// <summary>At start-up the server reports what a PocketSphinx decoder costs and how many its pool may hold.</summary>
[Collection(OwnServers.Name)]
public sealed class DecoderPoolStartupTests
{
    private const int DecoderPoolMeasured = 304;

    [Fact]
    public async Task Start_up_logs_the_measured_decoder_cost_and_the_maximum_it_allows()
    {
        await using var server = await HardeningServer.StartAsync();

        var entry = Assert.Single(server.Logs, e => e.EventId == DecoderPoolMeasured);
        Assert.NotEqual(0, server.Engine.BytesPerDecoder);
        Assert.NotNull(server.Engine.DecoderMemoryBudget);
        Assert.Contains($"at most {server.Engine.MaxDecoders} decoders, set by a memory budget of", entry.Message, StringComparison.Ordinal);
        Assert.True(server.Engine.MaxDecoders > 1, entry.Message);
    }

    [Fact]
    public async Task An_explicit_MaxDecoders_is_logged_as_the_limit()
    {
        await using var server = await HardeningServer.StartAsync("--RealtimeAsr:PocketSphinx:MaxDecoders=3");

        var entry = Assert.Single(server.Logs, e => e.EventId == DecoderPoolMeasured);
        Assert.Equal(3, server.Engine.MaxDecoders);
        Assert.Null(server.Engine.DecoderMemoryBudget);
        Assert.EndsWith("at most 3 decoders, set by MaxDecoders", entry.Message, StringComparison.Ordinal);
    }
}
