using System.ClientModel;
using System.Net.Http.Headers;
using OpenAI;
using OpenAI.Audio;
using RealtimeAsr.Protocol;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>What the OpenAI transcription tests share: the official SDK's audio client, raw uploads, and the Qwen reference.</summary>
internal static class OpenAITranscriptionClient
{
    /// <summary>The official SDK's audio client for <paramref name="server"/>, changed from stock only in its endpoint.</summary>
    public static AudioClient Sdk(Uri server, string model = ServerFixture.Model, string key = ServerFixture.ApiKey) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server, "/v1") });

    /// <summary>Posts a multipart form with <paramref name="file"/> (when given) and <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(Uri server, byte[]? file, params (string Name, string Value)[] fields)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var form = new MultipartFormDataContent();
        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "file", "speech.bin");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/v1/audio/transcriptions")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiKey);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The transcript of <paramref name="samples"/> (PCM at <paramref name="sampleRate"/>) through the Qwen protocol with server VAD: the utterances' texts joined.</summary>
    public static async Task<string> QwenTranscriptAsync(ServerFixture server, short[] samples, int sampleRate = 16000)
    {
        await using var client = await server.ConnectAsync();
        await client.ReceiveUntilAsync(EventTypes.SessionCreated);
        if (sampleRate != 16000)
        {
            await client.UpdateAsync($$"""{"sample_rate":{{sampleRate}}}""");
            await client.ReceiveUntilAsync(EventTypes.SessionUpdated);
        }

        await client.AppendChunkedAsync(TestAudio.ToBytes(samples), chunkBytes: 32000);
        await client.FinishAsync();
        var events = await client.ReceiveUntilAsync(EventTypes.SessionFinished, TimeSpan.FromMinutes(3));
        return string.Join(' ', events.Select(e => e.Event).OfType<TranscriptionCompletedEvent>()
            .Select(c => c.Transcript.Trim()).Where(t => t.Length > 0));
    }
}
