using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using RealtimeAsr.Client;
using RealtimeAsr.Protocol;

namespace RealtimeAsr.Cli.Commands;

/// <summary>
/// The options every command that talks to a service shares (<c>transcribe</c>, <c>eval</c>): where to connect, the
/// session's language and VAD, and the pace. One definition, so both commands parse and validate them alike.
/// </summary>
internal sealed class SessionOptionSet
{
    public SessionOptionSet(string languageDescription)
    {
        Language = new Option<string?>("--language", "-l") { Description = languageDescription };
        Preset.CompletionSources.Add("balanced", "low-latency");
    }

    /// <summary>The environment variable the CLI reads a key from for any endpoint.</summary>
    public const string ApiKeyEnvironmentVariable = "REALTIME_ASR_API_KEY";

    public Option<Uri> Url { get; } = new("--url")
    {
        Description = "WebSocket endpoint, e.g. ws://127.0.0.1:8765/api-ws/v1/realtime for a local server.",
        DefaultValueFactory = _ => RealtimeAsrClientOptions.DashScopeEndpoint,
        CustomParser = ParseUrl,
    };

    public Option<string> Model { get; } = new("--model")
    {
        Description = "Model name, sent as ?model=.",
        DefaultValueFactory = _ => RealtimeAsrClientOptions.DefaultModel,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key (Authorization: Bearer). Risky: other users see it in 'ps' and it stays in shell history; "
            + "prefer --api-key-file or the environment. Default: --api-key-file, else $" + ApiKeyEnvironmentVariable
            + ", else $DASHSCOPE_API_KEY for Alibaba Cloud endpoints (*.aliyuncs.com) only.",
    };

    public Option<string?> ApiKeyFile { get; } = new("--api-key-file")
    {
        HelpName = "path|-",
        Description = "Read the API key from this file (its first line), or from standard input with -.",
    };

    public Option<bool> AllowInsecureKey { get; } = new("--allow-insecure-key")
    {
        Description = "Send the API key over unencrypted ws:// to a host other than this machine. Default: refused; use wss://.",
    };

    public Option<double?> FinishTimeout { get; } = new("--finish-timeout")
    {
        HelpName = "seconds",
        CustomParser = ParseSeconds,
        Description = "Seconds the service may stay silent while finishing after the audio is sent (the SDK's FinishTimeout: "
            + "the wait lasts as long as results keep arriving). Default: 20.",
    };

    public Option<string?> Workspace { get; } = new("--workspace") { Description = "DashScope workspace id (X-DashScope-WorkSpace header)." };

    public Option<string?> Language { get; }

    public Option<string?> Corpus { get; } = new("--corpus") { Description = "Context text that biases recognition: names, terms, the topic." };

    public Option<bool> Manual { get; } = new("--manual") { Description = "Manual mode: no server VAD; the whole input is one utterance, committed at the end." };

    // No default value: help would print it as the enum's name (Balanced), a second spelling of a value already listed.
    public Option<VadPreset?> Preset { get; } = new("--vad-preset")
    {
        Description = "Server VAD preset: balanced (threshold 0.2, 800 ms silence; the default) or low-latency (0.0, 400 ms).",
        HelpName = "preset",
        CustomParser = ParsePreset,
    };

    public Option<double?> Threshold { get; } = new("--vad-threshold") { Description = "VAD threshold in [-1, 1], overriding the preset." };

    public Option<int?> Silence { get; } = new("--silence-ms") { Description = "Silence in ms [200, 6000] that ends an utterance, overriding the preset." };

    public Option<bool> RealTime { get; } = new("--realtime") { Description = "Send audio at real-time speed, as a microphone would. Default: as fast as possible." };

    /// <summary>Adds the options, in help order, and the rule that Manual mode takes no VAD settings.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Url, Model, ApiKeyFile, ApiKey, AllowInsecureKey, Workspace, Language, Corpus, Manual, Preset, Threshold, Silence, RealTime, FinishTimeout })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(Manual) && (result.GetResult(Preset) is not null || result.GetResult(Threshold) is not null || result.GetResult(Silence) is not null))
            {
                result.AddError("--manual turns server VAD off; --vad-preset, --vad-threshold and --silence-ms do not apply.");
            }

            if (result.GetResult(ApiKey) is not null && result.GetResult(ApiKeyFile) is not null)
            {
                result.AddError("--api-key and --api-key-file both give the key; use one.");
            }
        });

    }

    /// <summary>
    /// <see cref="ResolveApiKeyAsync"/>, or, when the key cannot be had (unreadable or empty key file, a key that would
    /// cross the network unencrypted), the reason written to standard error and <c>Resolved</c> false.
    /// </summary>
    public async Task<(bool Resolved, string? Key)> TryResolveApiKeyAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await ResolveApiKeyAsync(parseResult, environment, cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await FailureMessages.ReportAsync(environment, exception.Message);
            return (false, null);
        }
    }

    /// <summary>
    /// The key to send, from the first source that has one: <c>--api-key</c>, <c>--api-key-file</c>,
    /// <c>REALTIME_ASR_API_KEY</c>, and <c>DASHSCOPE_API_KEY</c> only when the endpoint is Alibaba Cloud's.
    /// Read once per run (a key file may be standard input).
    /// </summary>
    /// <exception cref="InvalidDataException">The key file is empty, or the key would cross the network unencrypted without <c>--allow-insecure-key</c>.</exception>
    /// <exception cref="IOException">The key file cannot be read.</exception>
    public async Task<string?> ResolveApiKeyAsync(ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var endpoint = parseResult.GetValue(Url)!;
        var key = parseResult.GetValue(ApiKey);
        if (key is null && parseResult.GetValue(ApiKeyFile) is { } path)
        {
            key = await ReadKeyFileAsync(path, environment, cancellationToken);
        }

        key ??= NonEmpty(environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable));
        if (key is null && RealtimeAsrClientOptions.IsAlibabaCloudEndpoint(endpoint))
        {
            key = NonEmpty(environment.GetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable));
        }

        if (key is not null && endpoint.Scheme is "ws" or "http" && !endpoint.IsLoopback && !parseResult.GetValue(AllowInsecureKey))
        {
            throw new InvalidDataException(
                $"refusing to send the API key unencrypted to {endpoint.Host} over {endpoint.Scheme}://; use wss://, or --allow-insecure-key on a network you trust.");
        }

        return key;
    }

    /// <summary>A new set of connection options from the command line, with the key <see cref="ResolveApiKeyAsync"/> found.</summary>
    public RealtimeAsrClientOptions ClientOptions(ParseResult parseResult, string? apiKey)
    {
        var options = new RealtimeAsrClientOptions
        {
            Endpoint = parseResult.GetValue(Url)!,
            Model = parseResult.GetValue(Model)!,
            ApiKey = apiKey,
            Workspace = parseResult.GetValue(Workspace),
            // ResolveApiKeyAsync already refused an unencrypted key without the flag, with the CLI's own message.
            AllowApiKeyOverInsecureTransport = parseResult.GetValue(AllowInsecureKey),
        };
        if (parseResult.GetValue(FinishTimeout) is { } seconds)
        {
            options.FinishTimeout = TimeSpan.FromSeconds(seconds);
        }

        return options;
    }

    private static async Task<string> ReadKeyFileAsync(string path, CliEnvironment environment, CancellationToken cancellationToken)
    {
        string content;
        if (path == "-")
        {
            using var reader = new StreamReader(environment.OpenStandardInput());
            content = await reader.ReadToEndAsync(cancellationToken);
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"--api-key-file: no such file: {path}", path);
            }

            content = await File.ReadAllTextAsync(path, cancellationToken);
        }

        var firstLine = content.Split('\n', 2)[0].Trim();
        return firstLine.Length > 0
            ? firstLine
            : throw new InvalidDataException($"--api-key-file {path}: the first line is empty");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Language, corpus and turn detection from the command line; format and rate come from the audio.</summary>
    public TranscriptionSessionOptions SessionOptions(ParseResult parseResult) => new()
    {
        Language = parseResult.GetValue(Language),
        CorpusText = parseResult.GetValue(Corpus),
        TurnDetection = parseResult.GetValue(Manual)
            ? null
            : Vad(parseResult.GetValue(Preset) ?? VadPreset.Balanced, parseResult.GetValue(Threshold), parseResult.GetValue(Silence)),
    };

    private static TurnDetectionSettings Vad(VadPreset preset, double? threshold, int? silenceMs)
    {
        var settings = preset == VadPreset.LowLatency ? TurnDetectionSettings.LowLatency : TurnDetectionSettings.Balanced;
        return settings with
        {
            Threshold = threshold ?? settings.Threshold,
            SilenceDurationMs = silenceMs ?? settings.SilenceDurationMs,
        };
    }

    /// <summary>An integer option's value, or an error naming the option and its range.</summary>
    public static int ParseInRange(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} must be a whole number from {min} to {max}, not '{text}'.");
        return min;
    }

    private static double? ParseSeconds(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return seconds;
        }

        result.AddError($"--finish-timeout must be a positive number of seconds, not '{text}'.");
        return null;
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" or "http" or "https")
        {
            return uri;
        }

        result.AddError($"--url must be a ws:// or wss:// URL, not '{text}'.");
        return null;
    }

    private static VadPreset? ParsePreset(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        switch (text.ToLowerInvariant())
        {
            case "balanced":
                return VadPreset.Balanced;
            case "low-latency" or "lowlatency" or "low_latency":
                return VadPreset.LowLatency;
            default:
                result.AddError($"--vad-preset must be balanced or low-latency, not '{text}'.");
                return VadPreset.Balanced;
        }
    }
}
