using System.Net;
using System.Text;

namespace RealtimeAsr.Client.Internal;

/// <summary>
/// Sits between <see cref="System.Net.WebSockets.ClientWebSocket"/> and the HTTP stack to keep the body of a refused
/// upgrade: ClientWebSocket reports the status and headers of a failed handshake but drops the body, which is where
/// servers explain a 401 or 404.
/// </summary>
internal sealed class HandshakeFailureCapture(HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    private const int MaxBodyChars = 64 * 1024;

    /// <summary>The body of a non-101 answer, once one has been received.</summary>
    public string? ResponseBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
        {
            try
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                ResponseBody = body.Length > MaxBodyChars ? body[..MaxBodyChars] : body;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or DecoderFallbackException)
            {
                // The status is what matters; a body that cannot be read is left out.
                ResponseBody = null;
            }
        }

        return response;
    }
}
