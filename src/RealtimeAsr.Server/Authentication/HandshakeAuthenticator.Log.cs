namespace RealtimeAsr.Server;

public sealed partial class HandshakeAuthenticator
{
    private static partial class Log
    {
        // The token's id only: the token itself is a credential until it expires.
        [LoggerMessage(701, LogLevel.Information, "Client secret {ClientSecretId} refused: {Why}")]
        public static partial void ClientSecretRefused(ILogger logger, string why, string? clientSecretId);

        [LoggerMessage(702, LogLevel.Debug, "Client secret {ClientSecretId} of key {KeyId} opens a session")]
        public static partial void ClientSecretAccepted(ILogger logger, string clientSecretId, string? keyId);
    }
}
