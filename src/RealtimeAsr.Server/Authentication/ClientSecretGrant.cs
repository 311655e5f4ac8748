namespace RealtimeAsr.Server;

/// <summary>What a new client secret is bound to (see <see cref="ClientSecretClaims"/>).</summary>
/// <param name="KeyId">The minting API key's id, or <see langword="null"/>.</param>
/// <param name="Model">The only model it opens, or <see langword="null"/> for any.</param>
/// <param name="Origin">The only page origin it connects from, or <see langword="null"/> for any allowed one.</param>
public sealed record ClientSecretGrant(string? KeyId, string? Model, string? Origin);
