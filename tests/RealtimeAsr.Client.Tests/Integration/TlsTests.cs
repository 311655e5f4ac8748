using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Client.Tests.Integration;

/// <summary>
/// The real server behind TLS with a self-signed certificate, configured through Kestrel's standard certificate
/// settings (<c>Kestrel:Certificates:Default:Path</c>); the client over <c>wss://</c>, trusting the certificate through
/// <see cref="RealtimeAsrClientOptions.ConfigureHttpHandler"/>, as an adopter with a private CA would.
/// </summary>
public sealed class TlsTests(TlsTests.TlsServer server) : IClassFixture<TlsTests.TlsServer>
{
    [Fact]
    public async Task An_untrusted_certificate_fails_the_connection_and_names_the_cause()
    {
        var client = new RealtimeAsrClient(new RealtimeAsrClientOptions { Endpoint = server.SecureEndpoint, ApiKey = ServerFixture.ApiKey });

        var failure = await Assert.ThrowsAsync<RealtimeAsrConnectionException>(() => client.ConnectAsync());

        Assert.True(failure.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase), failure.Message);
    }

    [Fact]
    public async Task A_certificate_trusted_through_the_handler_hook_carries_a_whole_transcription_over_wss()
    {
        var validated = 0;
        var client = new RealtimeAsrClient(new RealtimeAsrClientOptions
        {
            Endpoint = server.SecureEndpoint,
            ApiKey = ServerFixture.ApiKey,
            ConfigureHttpHandler = handler => handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                Interlocked.Increment(ref validated);
                // Trust exactly this certificate (pinning), not any certificate.
                return errors == SslPolicyErrors.None
                    || (certificate is not null && certificate.GetCertHashString() == TlsServer.Thumbprint);
            },
        });
        var (pcm, _) = Speech.Clips(1);

        var finals = new List<TranscriptionResult>();
        await foreach (var result in client.TranscribeAsync(new MemoryStream(pcm), new TranscriptionSessionOptions { Language = "en" }))
        {
            if (result.Kind == TranscriptionResultKind.Final)
            {
                finals.Add(result);
            }
        }

        Assert.True(validated > 0, "the certificate callback set through ConfigureHttpHandler did not run");
        var final = Assert.Single(finals);
        Assert.NotEmpty(final.Text.Trim());
    }

    /// <summary>The real server on <c>https://127.0.0.1:0</c> with a fresh self-signed certificate for 127.0.0.1.</summary>
    public sealed class TlsServer : ServerFixture
    {
        private static readonly string s_folder = Directory.CreateTempSubdirectory("realtime-asr-tls-").FullName;
        private static readonly (string Path, string Thumbprint) s_certificate = CreateCertificate(s_folder);

        public TlsServer()
            : base("--urls=https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={s_certificate.Path}", "--Kestrel:Certificates:Default:Password=test")
        {
        }

        /// <summary><c>wss://127.0.0.1:port/api-ws/v1/realtime</c>.</summary>
        public Uri SecureEndpoint => new UriBuilder(RealtimeEndpoint) { Scheme = "wss" }.Uri;

        /// <summary>The SHA-1 thumbprint of the server's certificate, as <see cref="X509Certificate.GetCertHashString()"/> gives it.</summary>
        public static string Thumbprint => s_certificate.Thumbprint;

        private static (string Path, string Thumbprint) CreateCertificate(string folder)
        {
            var path = Path.Combine(folder, "server.pfx");
            using var certificate = LoopbackCertificate.CreatePfx(path, "test");
            return (path, certificate.GetCertHashString());
        }
    }
}
