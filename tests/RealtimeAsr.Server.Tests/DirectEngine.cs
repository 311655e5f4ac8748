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

    /// <summary>
    /// Decodes <paramref name="samples"/> in 100 ms chunks as the only utterance of a session, i.e. as the server decodes
    /// a session's first utterance.
    /// </summary>
    public static async Task<string> TranscribeAsync(ISpeechRecognizer engine, short[] samples) =>
        (await TranscribeSessionAsync(engine, [samples]))[0];

    /// <summary>
    /// Decodes <paramref name="utterances"/> in order as one client session does: one recognition session, each
    /// utterance started from it after the previous one ended, so each starts from what the earlier ones adapted.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TranscribeSessionAsync(ISpeechRecognizer engine, IEnumerable<short[]> utterances)
    {
        using var session = engine.CreateSession();
        List<string> transcripts = [];
        foreach (var samples in utterances)
        {
            using var decoder = await session.StartUtteranceAsync(new RecognitionOptions(), CancellationToken.None);
            for (var offset = 0; offset < samples.Length; offset += 1600)
            {
                decoder.Accept(samples.AsSpan(offset, Math.Min(1600, samples.Length - offset)));
            }

            transcripts.Add(decoder.Complete());
        }

        return transcripts;
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
