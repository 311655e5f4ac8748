using System.Diagnostics.CodeAnalysis;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// Decides who a WebSocket handshake comes from, before the upgrade: an API-key client (<c>Authorization: Bearer</c>,
/// never judged by its <c>Origin</c>: server-side SDKs send one too), a browser with a client secret (the subprotocol
/// <c>openai-insecure-api-key.&lt;token&gt;</c>, accepted only from an allowed page origin, once), or anyone when the
/// server has no keys. See docs/OPERATIONS.md, "Browser authentication".
/// </summary>
public sealed partial class HandshakeAuthenticator(
    ApiKeyAuthenticator keys,
    ClientSecretCodec codec,
    SpentClientSecrets spent,
    OriginPolicy origins,
    ILogger<HandshakeAuthenticator> logger)
{
    /// <summary>
    /// Authenticates <paramref name="context"/>'s handshake for <paramref name="model"/> (the <c>?model=</c>, possibly
    /// empty). A client secret that passes is spent here, even if the handshake is then refused for another reason.
    /// </summary>
    public bool TryAuthenticate(
        HttpContext context,
        string model,
        [NotNullWhen(true)] out HandshakeCaller? caller,
        [NotNullWhen(false)] out HandshakeRefusal? refusal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        caller = null;
        refusal = null;
        if (keys.IsOpen)
        {
            caller = HandshakeCaller.Anonymous;
            return true;
        }

        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            if (keys.TryAuthorize(authorization, out var keyId))
            {
                caller = new HandshakeCaller(keyId, null);
                return true;
            }

            refusal = InvalidApiKey("Invalid API key. Send 'Authorization: Bearer <key>' with one of the server's keys.");
            return false;
        }

        if (RealtimeSubprotocols.FindCredential(context.WebSockets.WebSocketRequestedProtocols) is not { } credential)
        {
            refusal = InvalidApiKey("Missing API key. Send 'Authorization: Bearer <key>', or from a browser a client secret "
                + $"(POST /v1/realtime/client_secrets) as the WebSocket subprotocol '{RealtimeSubprotocols.CredentialPrefix}<client secret>'.");
            return false;
        }

        if (keys.TryAuthorize("Bearer " + credential, out _))
        {
            // A page that carries the key hands it to everyone who opens the page.
            refusal = InvalidApiKey("An API key is not accepted as a WebSocket subprotocol, where a web page would expose it. "
                + "Send it as 'Authorization: Bearer <key>', or give the browser a client secret (POST /v1/realtime/client_secrets).");
            return false;
        }

        return TryAuthenticateClientSecret(context.Request, credential, model, out caller, out refusal);
    }

    private bool TryAuthenticateClientSecret(
        HttpRequest request,
        string credential,
        string model,
        [NotNullWhen(true)] out HandshakeCaller? caller,
        [NotNullWhen(false)] out HandshakeRefusal? refusal)
    {
        caller = null;
        var status = codec.Read(credential, out var claims);
        if (status == ClientSecretStatus.Invalid || claims is null)
        {
            refusal = InvalidClientSecret("The client secret is not one this server issued, or it was altered. Mint a new one.");
            Log.ClientSecretRefused(logger, "invalid", null);
            return false;
        }

        if (status == ClientSecretStatus.Expired)
        {
            refusal = InvalidClientSecret($"The client secret expired at {claims.ExpiresAt:u}. Mint a new one just before connecting.");
            Log.ClientSecretRefused(logger, "expired", claims.Id);
            return false;
        }

        if (!TryCheckOrigin(request, claims, out refusal))
        {
            Log.ClientSecretRefused(logger, "origin not allowed", claims.Id);
            return false;
        }

        if (claims.Model is { } bound && model.Length > 0 && !string.Equals(bound, model, StringComparison.Ordinal))
        {
            refusal = Denied(RefusalReasons.ClientSecretModel, $"This client secret opens model '{bound}' only, not '{model}'.");
            Log.ClientSecretRefused(logger, "another model", claims.Id);
            return false;
        }

        if (!spent.TrySpend(claims))
        {
            refusal = InvalidClientSecret("This client secret was already used: a client secret opens one session. Mint another.");
            Log.ClientSecretRefused(logger, "already used", claims.Id);
            return false;
        }

        Log.ClientSecretAccepted(logger, claims.Id, claims.KeyId);
        caller = new HandshakeCaller(claims.KeyId, claims.Id);
        return true;
    }

    private bool TryCheckOrigin(HttpRequest request, ClientSecretClaims claims, [NotNullWhen(false)] out HandshakeRefusal? refusal)
    {
        refusal = null;
        if (OriginPolicy.OriginOf(request) is not { } origin)
        {
            refusal = Denied(RefusalReasons.OriginNotAllowed,
                "A client secret is accepted from a web page only, and this request has no (valid) Origin header. "
                + "Other clients send an API key as 'Authorization: Bearer <key>'.");
        }
        else if (!origins.IsAllowed(origin, request))
        {
            refusal = Denied(RefusalReasons.OriginNotAllowed,
                $"Pages of origin '{origin}' may not connect with a client secret. The server allows its own origin and those in RealtimeAsr:ClientSecrets:AllowedOrigins.");
        }
        else if (claims.Origin is { } bound && !string.Equals(bound, origin, StringComparison.OrdinalIgnoreCase))
        {
            refusal = Denied(RefusalReasons.OriginNotAllowed, $"This client secret was issued to pages of '{bound}', not '{origin}'.");
        }

        return refusal is null;
    }

    private static HandshakeRefusal InvalidApiKey(string message) =>
        new(StatusCodes.Status401Unauthorized, "InvalidApiKey", RefusalReasons.InvalidApiKey, message);

    private static HandshakeRefusal InvalidClientSecret(string message) =>
        new(StatusCodes.Status401Unauthorized, "InvalidClientSecret", RefusalReasons.InvalidClientSecret, message);

    private static HandshakeRefusal Denied(string reason, string message) =>
        new(StatusCodes.Status403Forbidden, "AccessDenied", reason, message);
}
