using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;

namespace RealtimeAsr.Server;

/// <summary>Creates one engine instance from its <c>RealtimeAsr:Engines:&lt;name&gt;</c> section, by its <c>Type</c>.</summary>
internal static partial class EngineFactory
{
    /// <summary>The engine types this server can run.</summary>
    public static readonly IReadOnlyList<string> Types = ["pocketsphinx", "whisper", "openai", "qwen-realtime"];

    /// <summary>Checks the section's <c>Type</c>.</summary>
    /// <exception cref="EngineConfigurationException">The type is missing or unknown.</exception>
    public static void CheckType(IConfigurationSection section)
    {
        var type = section["Type"];
        var setting = $"RealtimeAsr:Engines:{section.Key}:Type";
        if (string.IsNullOrWhiteSpace(type))
        {
            throw new EngineConfigurationException($"{setting} is missing; one of: {string.Join(", ", Types)}.");
        }

        if (!Types.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new EngineConfigurationException($"{setting} '{type}' is unknown; one of: {string.Join(", ", Types)}.");
        }
    }

    /// <summary>Creates the engine of a section whose type <see cref="CheckType"/> accepted.</summary>
    /// <exception cref="EngineConfigurationException">A setting is wrong.</exception>
    public static ISpeechEngine Create(IConfigurationSection section, IConfiguration server, ILoggerFactory loggerFactory) =>
        section["Type"]!.ToLowerInvariant() switch
        {
            "pocketsphinx" => new IncrementalSpeechEngine(section.Key, new PocketSphinxRecognizer(Bind<PocketSphinxOptions>(section))),
            "openai" => CreateOpenAI(section.Key, section, loggerFactory),
            "qwen-realtime" => CreateQwenRealtime(section.Key, section, loggerFactory),
            _ => CreateWhisper(section.Key, section, server, loggerFactory),
        };

    private static T Bind<T>(IConfigurationSection section) where T : new()
    {
        var options = new T();
        section.Bind(options);
        return options;
    }
}
