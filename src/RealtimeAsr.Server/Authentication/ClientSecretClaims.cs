namespace RealtimeAsr.Server;

/// <summary>What a client secret carries, signed: who minted it and what it may open.</summary>
/// <param name="Id">Random id; the spent-token record keys on it.</param>
/// <param name="ExpiresAt">When it stops being accepted (whole seconds, as <c>expires_at</c>).</param>
/// <param name="KeyId">The minting API key's id (<see cref="ApiKeyAuthenticator.TryAuthorize"/>); <see langword="null"/>
/// for a token the page route minted. Sessions opened with it count against this key's quota.</param>
/// <param name="Model">The only model it opens; <see langword="null"/>: any served model.</param>
/// <param name="Origin">The only page origin it connects from; <see langword="null"/>: any allowed origin.</param>
public sealed record ClientSecretClaims(string Id, DateTimeOffset ExpiresAt, string? KeyId, string? Model, string? Origin);
