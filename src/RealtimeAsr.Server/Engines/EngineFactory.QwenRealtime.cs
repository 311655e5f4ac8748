using RealtimeAsr.Recognition.QwenRealtime;

namespace RealtimeAsr.Server;

internal static partial class EngineFactory
{
    private static QwenRealtimeEngine CreateQwenRealtime(string name, IConfigurationSection section, ILoggerFactory loggerFactory)
    {
        try
        {
            return new QwenRealtimeEngine(name, Bind<QwenRealtimeEngineOptions>(section), loggerFactory);
        }
        catch (ArgumentException e)
        {
            // The message names the setting; the prefix names where it is.
            throw new EngineConfigurationException($"RealtimeAsr:Engines:{name} (qwen-realtime): {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // A setting that does not bind (a Url that is not a URL, a timeout that is not a time span).
            throw new EngineConfigurationException($"RealtimeAsr:Engines:{name} (qwen-realtime): {e.Message}", e);
        }
    }
}
