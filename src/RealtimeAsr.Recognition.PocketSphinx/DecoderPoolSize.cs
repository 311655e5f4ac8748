namespace RealtimeAsr.Recognition.PocketSphinx;

/// <summary>
/// How many decoders a <see cref="DecoderPool{TDecoder}"/> may hold: <paramref name="MaxDecoders"/> when set, otherwise
/// as many as <paramref name="MemoryBudget"/> bytes hold at the cost of one decoder (known once the first has loaded),
/// at most <paramref name="Cap"/>.
/// </summary>
/// <param name="MaxDecoders">The configured maximum; <see langword="null"/> to derive it from the budget.</param>
/// <param name="MemoryBudget">Bytes all decoders together may use.</param>
/// <param name="Cap">The most decoders a derived maximum allows.</param>
internal sealed record DecoderPoolSize(int? MaxDecoders, long MemoryBudget, int Cap)
{
    /// <summary>The size <paramref name="options"/> ask for on this machine.</summary>
    public static DecoderPoolSize From(PocketSphinxOptions options)
    {
        var configured = options.MaxDecoders is > 0 ? options.MaxDecoders : null;
        // The memory the GC may use: the machine's, or the container's limit.
        var budget = options.DecoderMemoryBudget ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
        return new DecoderPoolSize(configured, budget, PocketSphinxOptions.MaxDerivedDecodersPerCore * Environment.ProcessorCount);
    }

    /// <summary>The maximum before any decoder has been measured: the configured one, else one (the one to measure).</summary>
    public int BeforeMeasuring => MaxDecoders ?? 1;

    /// <summary>
    /// The maximum once a decoder was measured to cost <paramref name="bytesPerDecoder"/> (counted as at least
    /// <see cref="PocketSphinxOptions.MinBytesPerDecoder"/>); at least one.
    /// </summary>
    public int For(long bytesPerDecoder) =>
        MaxDecoders ?? (int)Math.Clamp(MemoryBudget / Math.Max(bytesPerDecoder, PocketSphinxOptions.MinBytesPerDecoder), 1, Cap);
}
