using System.Net.WebSockets;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary><c>wss://</c>: the OpenAI endpoint behind Kestrel's own TLS, as docs/OPENAI.md describes.</summary>
public sealed class OpenAIRealtimeTlsTests(TlsServerFixture server) : IClassFixture<TlsServerFixture>
{
    private void TrustTheServer(ClientWebSocketOptions options) =>
        options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == server.Certificate.GetCertHashString();

    [Fact]
    public async Task A_client_that_trusts_the_certificate_transcribes_over_wss()
    {
        Assert.Equal("https", server.HttpAddress.Scheme);
        var clip = TestAudio.LibriVoxClips()[1];
        await using var client = await OpenAIRawClient.ConnectAsync(server, configure: TrustTheServer);
        await client.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"turn_detection":null}}}}""");
        await client.AppendAsync(TestAudio.ToBytes(TestAudio.ResampleWithSox(clip.Samples, 24000)));
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        await client.ReceiveCompletedAsync(1);

        Assert.True(WordErrorRate.Compute(clip.Transcript, Assert.Single(client.Transcripts()).Transcript) < 0.5);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_it_cannot_connect()
    {
        // Proves the socket really is TLS with this certificate: the system's roots do not know it.
        await Assert.ThrowsAsync<WebSocketException>(() => OpenAIRawClient.ConnectAsync(server));
    }
}
