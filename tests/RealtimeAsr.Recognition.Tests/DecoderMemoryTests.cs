using RealtimeAsr.Recognition.PocketSphinx;

namespace RealtimeAsr.Recognition.Tests;

/// <summary>
/// The pool's size from the measured cost of a real decoder. Alone: the measurement is the growth of the process's
/// resident memory, which other tests' allocations would blur.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class DecoderMemoryTests
{
    [Fact]
    public void Without_MaxDecoders_the_pool_is_sized_by_a_quarter_of_the_available_memory_once_a_decoder_is_measured()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 0 });
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, recognizer.DecoderMemoryBudget);
        Assert.Equal(1, recognizer.MaxDecoders);
        Assert.Equal(0, recognizer.BytesPerDecoder);

        recognizer.Warm();

        // The measurement itself is only as good as the process is fresh (earlier tests' freed decoders make the next
        // load reuse their memory), so only what follows from it is checked; a budget of gigabytes holds several.
        Assert.NotEqual(0, recognizer.BytesPerDecoder);
        Assert.True(recognizer.MaxDecoders > 1, $"{recognizer.MaxDecoders} decoders from {recognizer.DecoderMemoryBudget} bytes");
        var expected = (int)Math.Clamp(
            recognizer.DecoderMemoryBudget!.Value / Math.Max(recognizer.BytesPerDecoder, PocketSphinxOptions.MinBytesPerDecoder),
            1, PocketSphinxOptions.MaxDerivedDecodersPerCore * Environment.ProcessorCount);
        Assert.Equal(expected, recognizer.MaxDecoders);
    }

    [Fact]
    public void An_explicit_MaxDecoders_is_the_maximum_whatever_the_measured_cost()
    {
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 3, DecoderMemoryBudget = 1 });
        Assert.Null(recognizer.DecoderMemoryBudget);
        Assert.Equal(3, recognizer.MaxDecoders);

        recognizer.Warm();

        Assert.Equal(3, recognizer.MaxDecoders);
        Assert.NotEqual(0, recognizer.BytesPerDecoder);
    }
}
