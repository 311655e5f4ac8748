using System.CommandLine;
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
        Description = "API key (Authorization: Bearer). Default: the DASHSCOPE_API_KEY environment variable.",
    };

    public Option<string?> Workspace { get; } = new("--workspace") { Description = "DashScope workspace id (X-DashScope-WorkSpace header)." };

    public Option<string?> Language { get; }

    public Option<string?> Corpus { get; } = new("--corpus") { Description = "Context text that biases recognition: names, terms, the topic." };

    public Option<bool> Manual { get; } = new("--manual") { Description = "Manual mode: no server VAD; the whole input is one utterance, committed at the end." };

    public Option<VadPreset> Preset { get; } = new("--vad-preset")
    {
        Description = "Server VAD preset: balanced (threshold 0.2, 800 ms silence) or low-latency (0.0, 400 ms).",
        HelpName = "balanced|low-latency",
        DefaultValueFactory = _ => VadPreset.Balanced,
        CustomParser = ParsePreset,
    };

    public Option<double?> Threshold { get; } = new("--vad-threshold") { Description = "VAD threshold in [-1, 1], overriding the preset." };

    public Option<int?> Silence { get; } = new("--silence-ms") { Description = "Silence in ms [200, 6000] that ends an utterance, overriding the preset." };

    public Option<bool> RealTime { get; } = new("--realtime") { Description = "Send audio at real-time speed, as a microphone would. Default: as fast as possible." };

    /// <summary>Adds the options, in help order, and the rule that Manual mode takes no VAD settings.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Url, Model, ApiKey, Workspace, Language, Corpus, Manual, Preset, Threshold, Silence, RealTime })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(Manual) && (result.GetResult(Preset) is { Implicit: false } || result.GetResult(Threshold) is not null || result.GetResult(Silence) is not null))
            {
                result.AddError("--manual turns server VAD off; --vad-preset, --vad-threshold and --silence-ms do not apply.");
            }
        });
    }

    /// <summary>A new set of connection options from the command line (the key falls back to <c>DASHSCOPE_API_KEY</c>).</summary>
    public RealtimeAsrClientOptions ClientOptions(ParseResult parseResult, CliEnvironment environment) => new()
    {
        Endpoint = parseResult.GetValue(Url)!,
        Model = parseResult.GetValue(Model)!,
        ApiKey = parseResult.GetValue(ApiKey) ?? environment.GetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable),
        Workspace = parseResult.GetValue(Workspace),
    };

    /// <summary>Language, corpus and turn detection from the command line; format and rate come from the audio.</summary>
    public TranscriptionSessionOptions SessionOptions(ParseResult parseResult) => new()
    {
        Language = parseResult.GetValue(Language),
        CorpusText = parseResult.GetValue(Corpus),
        TurnDetection = parseResult.GetValue(Manual)
            ? null
            : Vad(parseResult.GetValue(Preset), parseResult.GetValue(Threshold), parseResult.GetValue(Silence)),
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

    private static VadPreset ParsePreset(ArgumentResult result)
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
