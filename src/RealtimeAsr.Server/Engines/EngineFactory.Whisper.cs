using RealtimeAsr.Models;
using RealtimeAsr.Recognition.Whisper;

namespace RealtimeAsr.Server;

internal static partial class EngineFactory
{
    private static WhisperEngine CreateWhisper(string name, IConfigurationSection section, IConfiguration server, ILoggerFactory loggerFactory)
    {
        var options = Bind<WhisperEngineOptions>(section);
        var model = section["Model"];
        if (!string.IsNullOrWhiteSpace(model))
        {
            if (!string.IsNullOrWhiteSpace(options.ModelPath))
            {
                throw new EngineConfigurationException($"RealtimeAsr:Engines:{name} sets both ModelPath and Model; set one.");
            }

            // A catalogue name: the file 'realtime-asr models download NAME' put into the model cache.
            try
            {
                options.ModelPath = ModelCache.Open(server[nameof(RealtimeAsrServerOptions.ModelCache)]).Resolve(model);
            }
            catch (Exception e) when (e is FileNotFoundException or UnknownModelException)
            {
                throw new EngineConfigurationException($"engine '{name}' (whisper): {e.Message}", e);
            }
        }
        else if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            throw new EngineConfigurationException(
                $"RealtimeAsr:Engines:{name} needs ModelPath (a ggml model file) or Model (a catalogue name such as tiny, fetched with 'realtime-asr models download tiny').");
        }

        return new WhisperEngine(name, options, loggerFactory);
    }
}
