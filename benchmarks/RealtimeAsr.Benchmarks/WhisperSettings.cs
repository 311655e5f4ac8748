using System.Globalization;
using RealtimeAsr.Recognition.Whisper;

namespace RealtimeAsr.Benchmarks;

/// <summary>
/// The Whisper engine under test (<c>--whisper-model</c> and the options beside it). Settings left
/// <see langword="null"/> keep the engine's defaults (<see cref="WhisperEngineOptions"/>), so the benchmark measures what
/// a server configured with only <c>ModelPath</c> runs.
/// </summary>
/// <param name="ModelPath">The ggml model file.</param>
/// <param name="Threads">whisper.cpp threads per decode; default min(4, cores).</param>
/// <param name="MaxConcurrentDecodes">Decodes at once, engine-wide; default max(1, cores / threads).</param>
/// <param name="TemperatureFallback">Retry temperature step of final decodes; default 0.2 (0 for generated models).</param>
internal sealed record WhisperSettings(string ModelPath, int? Threads, int? MaxConcurrentDecodes, float? TemperatureFallback)
{
    /// <summary>The name of the server's engine section, <c>RealtimeAsr:Engines:whisper</c>.</summary>
    public const string EngineName = "whisper";

    /// <summary>The engine options these settings amount to (what the server binds from <see cref="ServerArguments"/>).</summary>
    public WhisperEngineOptions Options()
    {
        var options = new WhisperEngineOptions { ModelPath = ModelPath };
        if (Threads is { } threads)
        {
            options.Threads = threads;
        }

        if (MaxConcurrentDecodes is { } decodes)
        {
            options.MaxConcurrentDecodes = decodes;
        }

        if (TemperatureFallback is { } fallback)
        {
            options.TemperatureFallback = fallback;
        }

        return options;
    }

    /// <summary>Server arguments that configure the engine and make it the default engine (the one the standard model names reach).</summary>
    public IEnumerable<string> ServerArguments()
    {
        var section = $"--RealtimeAsr:Engines:{EngineName}";
        yield return $"{section}:Type=whisper";
        yield return $"{section}:ModelPath={ModelPath}";
        yield return $"--RealtimeAsr:DefaultEngine={EngineName}";
        if (Threads is { } threads)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:Threads={threads}");
        }

        if (MaxConcurrentDecodes is { } decodes)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:MaxConcurrentDecodes={decodes}");
        }

        if (TemperatureFallback is { } fallback)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:TemperatureFallback={fallback}");
        }
    }
}
