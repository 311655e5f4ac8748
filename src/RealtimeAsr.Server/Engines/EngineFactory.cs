using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;

namespace RealtimeAsr.Server;

/// <summary>Creates one engine instance from its <c>RealtimeAsr:Engines:&lt;name&gt;</c> section, by its <c>Type</c>.</summary>
internal static partial class EngineFactory
{
    /// <summary>The engine types this server can run.</summary>
    public static readonly IReadOnlyList<string> Types = ["pocketsphinx", "whisper"];

    // Types the protocol work plans but this version does not have yet: refused with a message that says so.
    private static readonly IReadOnlyList<string> s_planned = ["openai", "qwen-realtime"];

    /// <exception cref="InvalidOperationException">The type is missing or unknown, or a setting is wrong.</exception>
    public static ISpeechEngine Create(IConfigurationSection section, IConfiguration server, ILoggerFactory loggerFactory)
    {
        var name = section.Key;
        var type = section["Type"];
        try
        {
            return type?.ToLowerInvariant() switch
            {
                "pocketsphinx" => new IncrementalSpeechEngine(name, new PocketSphinxRecognizer(Bind<PocketSphinxOptions>(section))),
                "whisper" => CreateWhisper(name, section, server, loggerFactory),
                null or "" => throw new InvalidOperationException($"RealtimeAsr:Engines:{name}:Type is missing; one of: {string.Join(", ", Types)}."),
                _ when s_planned.Contains(type, StringComparer.OrdinalIgnoreCase) => throw new InvalidOperationException(
                    $"RealtimeAsr:Engines:{name}:Type '{type}' is not available in this version; available: {string.Join(", ", Types)}."),
                _ => throw new InvalidOperationException($"RealtimeAsr:Engines:{name}:Type '{type}' is unknown; one of: {string.Join(", ", Types)}."),
            };
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or Models.UnknownModelException)
        {
            throw new InvalidOperationException($"engine '{name}' ({type}) cannot start: {e.Message}", e);
        }
    }

    private static T Bind<T>(IConfigurationSection section) where T : new()
    {
        var options = new T();
        section.Bind(options);
        return options;
    }
}
