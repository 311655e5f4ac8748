namespace RealtimeAsr.Server;

public sealed partial class PageClientSecretEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(721, LogLevel.Information, "Page client secret {ClientSecretId} minted for origin {Origin}, model {Model}, expiring at {ExpiresAt}")]
        public static partial void Minted(ILogger logger, string clientSecretId, string? origin, string? model, DateTimeOffset expiresAt);

        [LoggerMessage(722, LogLevel.Information, "Page client secret refused with {Status} to origin {Origin}")]
        public static partial void Refused(ILogger logger, int status, string origin);
    }
}
