namespace RealtimeAsr.Server;

internal static partial class EngineFactory
{
    // The Whisper engine lands in the next commit.
    private static Recognition.ISpeechEngine CreateWhisper(string name, IConfigurationSection section, IConfiguration server, ILoggerFactory loggerFactory) =>
        throw new InvalidOperationException($"RealtimeAsr:Engines:{name}:Type 'whisper' is not available in this version yet.");
}
