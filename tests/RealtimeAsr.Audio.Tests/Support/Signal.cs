namespace RealtimeAsr.Audio.Tests.Support;

/// <summary>Measurements that compare a decoded signal with its source.</summary>
internal static class Signal
{
    /// <summary>Signal-to-noise ratio in dB of <paramref name="test"/> against <paramref name="reference"/> over their common length.</summary>
    public static double SnrDb(ReadOnlySpan<short> reference, ReadOnlySpan<short> test, int lag = 0)
    {
        double signal = 0, noise = 0;
        for (var i = Math.Max(0, -lag); i < reference.Length && i + lag < test.Length; i++)
        {
            var r = (double)reference[i];
            var e = r - test[i + lag];
            signal += r * r;
            noise += e * e;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }

    /// <summary>Normalised cross-correlation of the two signals with <paramref name="test"/> shifted by <paramref name="lag"/>.</summary>
    public static double Correlation(ReadOnlySpan<short> reference, ReadOnlySpan<short> test, int lag = 0)
    {
        double cross = 0, energyR = 0, energyT = 0;
        for (var i = Math.Max(0, -lag); i < reference.Length && i + lag < test.Length; i++)
        {
            double r = reference[i], t = test[i + lag];
            cross += r * t;
            energyR += r * r;
            energyT += t * t;
        }

        return cross / Math.Sqrt(Math.Max(energyR * energyT, 1e-9));
    }

    /// <summary>The shift of <paramref name="test"/> within ±<paramref name="maxLag"/> that best matches <paramref name="reference"/>.</summary>
    public static int BestLag(ReadOnlySpan<short> reference, ReadOnlySpan<short> test, int maxLag)
    {
        var best = 0;
        var bestCorrelation = double.MinValue;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var c = Correlation(reference, test, lag);
            if (c > bestCorrelation)
            {
                bestCorrelation = c;
                best = lag;
            }
        }

        return best;
    }

    /// <summary>Deterministic white Gaussian noise with the given RMS amplitude.</summary>
    public static short[] Noise(int samples, double rms, int seed)
    {
        var random = new Random(seed);
        var noise = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            // Box–Muller.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            noise[i] = (short)Math.Clamp(Math.Round(g * rms), short.MinValue, short.MaxValue);
        }

        return noise;
    }

    /// <summary>Sample-wise sum, saturated.</summary>
    public static short[] Mix(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        var mixed = new short[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < mixed.Length; i++)
        {
            var sum = (i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0);
            mixed[i] = (short)Math.Clamp(sum, short.MinValue, short.MaxValue);
        }

        return mixed;
    }

    /// <summary>First and last sample (exclusive end) whose 10 ms neighbourhood is within 40 dB of the loudest one: where speech really is.</summary>
    public static (int Start, int End) ActiveRange(ReadOnlySpan<short> samples)
    {
        const int window = 160;
        var energies = new double[samples.Length / window];
        for (var w = 0; w < energies.Length; w++)
        {
            double sum = 0;
            foreach (var s in samples.Slice(w * window, window))
            {
                sum += (double)s * s;
            }

            energies[w] = sum / window;
        }

        var floor = energies.Max() * 1e-4;
        var first = Array.FindIndex(energies, e => e > floor);
        var last = Array.FindLastIndex(energies, e => e > floor);
        return (first * window, (last + 1) * window);
    }
}
