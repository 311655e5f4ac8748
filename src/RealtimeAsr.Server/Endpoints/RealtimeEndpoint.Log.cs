namespace RealtimeAsr.Server;

public sealed partial class RealtimeEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Information, "Handshake refused with {Status}: {Reason}")]
        public static partial void HandshakeRefused(ILogger logger, int status, string reason);
    }
}
