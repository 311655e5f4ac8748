using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RealtimeAsr.Benchmarks;

/// <summary>The command line: which sections to run, how often, and the server settings to try.</summary>
internal static class BenchmarkCommand
{
    private const int MaxSessions = 64;

    public static RootCommand Create(Func<BenchmarkSettings, CancellationToken, Task<int>> run)
    {
        var repeat = new Option<int>("--repeat")
        {
            Description = "Runs of each single-stream measurement (engine alone, one server session); the median is reported. 1 to 10.",
            DefaultValueFactory = _ => 3,
        };
        repeat.Validators.Add(r => Require(r, r.GetValueOrDefault<int>() is >= 1 and <= 10, "--repeat must be 1 to 10."));

        var realTime = SessionCounts("--realtime-sessions", "Concurrent sessions at real-time pace, e.g. 1,2,4,8; 'none' skips.", [1, 2, 4, 8]);
        var fullSpeed = SessionCounts("--full-speed-sessions", "Concurrent sessions at full speed (throughput), e.g. 2,4,8; 'none' skips.", [4]);

        var sessionClips = new Option<int>("--session-clips")
        {
            Description = "Clips each concurrent session sends, 1 to 5 (each session starts at a different clip).",
            DefaultValueFactory = _ => 3,
        };
        sessionClips.Validators.Add(r => Require(r, r.GetValueOrDefault<int>() is >= 1 and <= 5, "--session-clips must be 1 to 5."));

        var maxDecoders = new Option<int?>("--max-decoders") { Description = "Server PocketSphinx decoder pool size (RealtimeAsr:PocketSphinx:MaxDecoders). Default: the server's, derived from its decoder memory budget." };
        maxDecoders.Validators.Add(r => Require(r, r.GetValueOrDefault<int?>() is null or (>= 1 and <= MaxSessions), $"--max-decoders must be 1 to {MaxSessions}."));
        var workers = new Option<int?>("--workers") { Description = "Server recognition slots (RealtimeAsr:RecognitionWorkers). Default: the server's, 1 per core." };
        workers.Validators.Add(r => Require(r, r.GetValueOrDefault<int?>() is null or (>= 1 and <= MaxSessions), $"--workers must be 1 to {MaxSessions}."));

        var silence = new Option<int>("--silence-ms")
        {
            Description = "VAD silence_duration_ms of every VAD session, 200 to 900 (the clips are 1 s apart).",
            DefaultValueFactory = _ => 800,
        };
        silence.Validators.Add(r => Require(r, r.GetValueOrDefault<int>() is >= 200 and <= 900, "--silence-ms must be 200 to 900."));

        var whisperModel = new Option<FileInfo?>("--whisper-model")
        {
            Description = "A whisper.cpp ggml model (e.g. from scripts/make-whisper-test-model.sh): the server runs a Whisper engine on it as its "
                + "default engine, and the Whisper engine-alone section runs. Default: PocketSphinx.",
        };
        whisperModel.Validators.Add(r => Require(r, r.GetValueOrDefault<FileInfo?>() is null or { Exists: true }, "--whisper-model: no such file."));
        var whisperThreads = new Option<int?>("--whisper-threads") { Description = "whisper.cpp threads per decode (Threads). Default: the engine's, min(4, cores)." };
        whisperThreads.Validators.Add(r => Require(r, r.GetValueOrDefault<int?>() is null or (>= 1 and <= MaxSessions), $"--whisper-threads must be 1 to {MaxSessions}."));
        var whisperDecodes = new Option<int?>("--whisper-decodes") { Description = "Whisper decodes at once (MaxConcurrentDecodes). Default: the engine's, max(1, cores / threads)." };
        whisperDecodes.Validators.Add(r => Require(r, r.GetValueOrDefault<int?>() is null or (>= 1 and <= MaxSessions), $"--whisper-decodes must be 1 to {MaxSessions}."));
        var whisperFallback = new Option<float?>("--whisper-temperature-fallback")
        {
            Description = "Temperature step of final-decode retries (TemperatureFallback), 0 to 1. Default: the engine's, 0.2; use 0 with generated "
                + "(random-weight) models, which fail every check and would be decoded six times.",
        };
        whisperFallback.Validators.Add(r => Require(r, r.GetValueOrDefault<float?>() is null or (>= 0f and <= 1f), "--whisper-temperature-fallback must be 0 to 1."));

        var soakMinutes = new Option<double?>("--soak-minutes")
        {
            Description = "Also run churned sessions (connect, speak two clips at real-time pace, finish, reconnect) for this many minutes, "
                + "0.25 to 120, and report memory over time and lost finals. Default: no soak.",
        };
        soakMinutes.Validators.Add(r => Require(r, r.GetValueOrDefault<double?>() is null or (>= 0.25 and <= 120), "--soak-minutes must be 0.25 to 120."));
        var soakSessions = new Option<int?>("--soak-sessions") { Description = "Concurrent session loops of the soak. Default: as many live sessions as the server admits by default." };
        soakSessions.Validators.Add(r => Require(r, r.GetValueOrDefault<int?>() is null or (>= 1 and <= MaxSessions), $"--soak-sessions must be 1 to {MaxSessions}."));
        var plotDirectory = new Option<DirectoryInfo?>("--plot-dir")
        {
            Description = "Write PNG plots here: capacity.png (final latency and CPU against live sessions, from the real-time rows) and, with a soak, soak-memory.png.",
        };

        var fromJson = new Option<FileInfo?>("--from-json")
        {
            Description = "Measure nothing: render the report (and, with --plot-dir, its plots) from a JSON file an earlier run wrote with --json-file.",
        };
        fromJson.Validators.Add(r => Require(r, r.GetValueOrDefault<FileInfo?>() is null or { Exists: true }, "--from-json: no such file."));

        var noMicro = new Option<bool>("--no-micro") { Description = "Skip the per-audio-second micro-costs." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of Markdown." };
        var jsonFile = new Option<FileInfo?>("--json-file") { Description = "Also write the results as JSON to this file." };

        var root = new RootCommand(
            "Benchmarks RealtimeAsr on the LibriVox clips: the engine alone, the server over loopback WebSocket sessions, "
            + "concurrent sessions at real-time pace and at full speed, and the server's own costs per second of audio. "
            + "Progress goes to standard error, the report to standard output.")
        {
            repeat, realTime, fullSpeed, sessionClips, maxDecoders, workers, silence, whisperModel, whisperThreads, whisperDecodes, whisperFallback,
            soakMinutes, soakSessions, plotDirectory, fromJson, noMicro, json, jsonFile,
        };
        root.Validators.Add(r =>
        {
            if (r.GetResult(soakMinutes) is null && r.GetResult(soakSessions) is not null)
            {
                r.AddError("--soak-sessions needs --soak-minutes.");
            }

            if (r.GetResult(whisperModel) is null
                && new Option[] { whisperThreads, whisperDecodes, whisperFallback }.FirstOrDefault(o => r.GetResult(o) is not null) is { } orphan)
            {
                r.AddError($"{orphan.Name} needs --whisper-model.");
            }
        });
        root.SetAction((result, cancellationToken) => run(
            new BenchmarkSettings(
                result.GetValue(repeat),
                result.GetValue(realTime)!,
                result.GetValue(fullSpeed)!,
                result.GetValue(sessionClips),
                result.GetValue(maxDecoders),
                result.GetValue(workers),
                result.GetValue(silence),
                !result.GetValue(noMicro),
                result.GetValue(json),
                result.GetValue(jsonFile)?.FullName,
                result.GetValue(whisperModel) is { } model
                    ? new WhisperSettings(model.FullName, result.GetValue(whisperThreads), result.GetValue(whisperDecodes), result.GetValue(whisperFallback))
                    : null,
                result.GetValue(soakMinutes),
                result.GetValue(soakSessions),
                result.GetValue(plotDirectory)?.FullName,
                result.GetValue(fromJson)?.FullName),
            cancellationToken));
        return root;
    }

    private static Option<int[]> SessionCounts(string name, string description, int[] defaults) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaults,
        CustomParser = ParseCounts,
        Arity = ArgumentArity.ExactlyOne,
    };

    /// <summary>"1,2,4,8" or "none".</summary>
    private static int[] ParseCounts(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var counts = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxSessions)
            {
                result.AddError($"'{part}' is not a session count from 1 to {MaxSessions}; give a list like 1,2,4,8 or 'none'.");
                return [];
            }

            counts.Add(count);
        }

        if (counts.Count == 0)
        {
            result.AddError("Give a list of session counts like 1,2,4,8, or 'none'.");
        }

        return [.. counts];
    }

    private static void Require(OptionResult result, bool valid, string message)
    {
        if (!valid)
        {
            result.AddError(message);
        }
    }
}
