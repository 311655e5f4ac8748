using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RealtimeAsr.Testing;

namespace RealtimeAsr.Server.Tests;

/// <summary>
/// The server listening with TLS only, through Kestrel's standard certificate settings
/// (<c>Kestrel:Endpoints:Https:Url</c>, <c>:Certificate:Path</c>, <c>:Certificate:Password</c>), on a self-signed
/// certificate for 127.0.0.1 made here. The PFX is deleted once Kestrel has loaded it.
/// </summary>
public sealed class TlsServerFixture : ServerFixture, IAsyncLifetime
{
    private readonly string _pfxPath;

    public TlsServerFixture()
        : this(CreateCertificate(out var path, out var password), path, password)
    {
    }

    private TlsServerFixture(X509Certificate2 certificate, string pfxPath, string password)
        : base("--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
            $"--Kestrel:Endpoints:Https:Certificate:Path={pfxPath}",
            $"--Kestrel:Endpoints:Https:Certificate:Password={password}")
    {
        Certificate = certificate;
        _pfxPath = pfxPath;
    }

    /// <summary>The server's certificate (public part), for clients that trust exactly it.</summary>
    public X509Certificate2 Certificate { get; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        try
        {
            await InitializeAsync();
        }
        finally
        {
            File.Delete(_pfxPath);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate(out string pfxPath, out string password)
    {
        password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        pfxPath = Path.Combine(Path.GetTempPath(), $"realtimeasr-tls-{Guid.NewGuid():N}.pfx");
        return LoopbackCertificate.CreatePfx(pfxPath, password);
    }
}
