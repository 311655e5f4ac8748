using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RealtimeAsr.Testing;

/// <summary>A self-signed certificate for 127.0.0.1, for servers under test with TLS (Kestrel's certificate settings).</summary>
public static class LoopbackCertificate
{
    /// <summary>
    /// Makes a certificate for 127.0.0.1 (P-256, server authentication, valid from a day ago for a week), writes it with
    /// its key to <paramref name="pfxPath"/> under <paramref name="password"/>, and returns its public part (what a
    /// client pins or trusts).
    /// </summary>
    public static X509Certificate2 CreatePfx(string pfxPath, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(pfxPath, certificate.Export(X509ContentType.Pfx, password));
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }
}
