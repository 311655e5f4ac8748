namespace RealtimeAsr.Server;

/// <summary>What <see cref="ClientSecretCodec.Read"/> made of a presented token.</summary>
public enum ClientSecretStatus
{
    /// <summary>Signed by this server's key and not expired.</summary>
    Valid,

    /// <summary>Not a token this server (or a replica sharing its signing key) minted, or altered since.</summary>
    Invalid,

    /// <summary>Genuine, but past its <c>expires_at</c>.</summary>
    Expired,
}
