using RealtimeAsr.Recognition.PocketSphinx;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>The decoder pool's maximum: configured, or a memory budget divided by the measured cost of a decoder.</summary>
public sealed class DecoderPoolSizeTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void The_budget_divided_by_the_measured_cost_is_the_maximum()
    {
        var size = new DecoderPoolSize(MaxDecoders: null, MemoryBudget: 1000 * MiB, Cap: 64);

        Assert.Equal(1, size.BeforeMeasuring);
        Assert.Equal(10, size.For(100 * MiB));
        Assert.Equal(11, size.For(90 * MiB));
    }

    [Fact]
    public void The_derived_maximum_is_at_least_one_and_at_most_the_cap()
    {
        Assert.Equal(1, new DecoderPoolSize(null, 10 * MiB, 64).For(90 * MiB));
        Assert.Equal(64, new DecoderPoolSize(null, 100_000 * MiB, 64).For(90 * MiB));
    }

    [Theory]
    [InlineData(-50L * MiB)]
    [InlineData(0L)]
    [InlineData(4096L)]
    public void A_measured_cost_below_the_floor_counts_as_the_floor(long measured)
    {
        var size = new DecoderPoolSize(null, 640 * MiB, 64);

        Assert.Equal((int)(640 * MiB / PocketSphinxOptions.MinBytesPerDecoder), size.For(measured));
    }

    [Fact]
    public void An_explicit_maximum_wins_over_the_budget()
    {
        var size = new DecoderPoolSize(MaxDecoders: 3, MemoryBudget: 100_000 * MiB, Cap: 64);

        Assert.Equal(3, size.BeforeMeasuring);
        Assert.Equal(3, size.For(90 * MiB));
        Assert.Equal(3, size.For(-1));
    }

    [Fact]
    public void Options_without_a_maximum_derive_it_from_a_quarter_of_the_available_memory()
    {
        var size = DecoderPoolSize.From(new PocketSphinxOptions());

        Assert.Null(size.MaxDecoders);
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, size.MemoryBudget);
        Assert.Equal(PocketSphinxOptions.MaxDerivedDecodersPerCore * Environment.ProcessorCount, size.Cap);
        Assert.Null(DecoderPoolSize.From(new PocketSphinxOptions { MaxDecoders = 0 }).MaxDecoders);
        Assert.Equal(5, DecoderPoolSize.From(new PocketSphinxOptions { MaxDecoders = 5 }).MaxDecoders);
        Assert.Equal(123 * MiB, DecoderPoolSize.From(new PocketSphinxOptions { DecoderMemoryBudget = 123 * MiB }).MemoryBudget);
    }

    [Fact]
    public void The_default_budget_on_a_server_with_gigabytes_allows_far_more_decoders_than_live_sessions()
    {
        // A 2-core, 24 GiB server: 6 GiB for decoders of about 90 MB, capped at 16 per core.
        var size = new DecoderPoolSize(null, 24L * 1024 * MiB / 4, PocketSphinxOptions.MaxDerivedDecodersPerCore * 2);

        Assert.Equal(32, size.For(90 * MiB));
    }
}
