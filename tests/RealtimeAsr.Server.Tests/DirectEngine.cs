using Microsoft.Extensions.DependencyInjection;
using RealtimeAsr.Recognition;
using RealtimeAsr.Recognition.PocketSphinx;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>The embedded engine used directly, without the server, as the reference for what the server should say.</summary>
public static class DirectEngine
{
    /// <summary>The server's own engine instance (so no second set of decoders is loaded).</summary>
    public static PocketSphinxRecognizer Of(ServerFixture server) =>
        server.Services.GetServices<ISpeechRecognizer>().OfType<PocketSphinxRecognizer>().Single();

    /// <summary>Decodes <paramref name="samples"/> as one utterance in 100 ms chunks.</summary>
    public static async Task<string> TranscribeAsync(ISpeechRecognizer engine, short[] samples)
    {
        using var decoder = await engine.StartAsync(new RecognitionOptions(), CancellationToken.None);
        for (var offset = 0; offset < samples.Length; offset += 1600)
        {
            decoder.Accept(samples.AsSpan(offset, Math.Min(1600, samples.Length - offset)));
        }

        return decoder.Complete();
    }

    /// <summary>Waits until every decoder is back in the pool (sessions release them asynchronously).</summary>
    public static async Task<bool> AllDecodersReturnedAsync(ServerFixture server, TimeSpan timeout)
    {
        var engine = Of(server);
        var deadline = DateTime.UtcNow + timeout;
        while (engine.DecodersInUse > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return engine.DecodersInUse == 0;
    }
}
