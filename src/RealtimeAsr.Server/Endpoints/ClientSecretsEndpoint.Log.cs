namespace RealtimeAsr.Server;

public sealed partial class ClientSecretsEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(711, LogLevel.Information, "Client secret {ClientSecretId} minted for key {KeyId}, model {Model}, expiring at {ExpiresAt}")]
        public static partial void Minted(ILogger logger, string clientSecretId, string? keyId, string? model, DateTimeOffset expiresAt);

        [LoggerMessage(712, LogLevel.Information, "Client secret request refused with {Status}: {Reason}")]
        public static partial void MintRefused(ILogger logger, int status, string reason);
    }
}
