using RealtimeAsr.Recognition.OpenAI;

namespace RealtimeAsr.Server;

internal static partial class EngineFactory
{
    private static OpenAIEngine CreateOpenAI(string name, IConfigurationSection section, ILoggerFactory loggerFactory)
    {
        var options = Bind<OpenAIEngineOptions>(section);
        try
        {
            return new OpenAIEngine(name, options, loggerFactory);
        }
        catch (ArgumentException e)
        {
            // The options' messages begin with the setting's name: one line that names the full key and the fix.
            var message = e.ParamName is { } param ? e.Message.Replace($" (Parameter '{param}')", "", StringComparison.Ordinal) : e.Message;
            throw new EngineConfigurationException($"RealtimeAsr:Engines:{name}:{message}", e);
        }
    }
}
