using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace RealtimeAsr.Server;

/// <summary>
/// Mints and verifies client secrets: <c>ek_&lt;payload&gt;.&lt;signature&gt;</c>, both base64url, the payload the
/// JSON of <see cref="ClientSecretClaims"/> and the signature its HMAC-SHA256 under
/// <see cref="ClientSecretOptions.SigningKey"/>. Self-contained, so any replica with the key verifies a token without
/// shared state; single use is <see cref="SpentClientSecrets"/>'s business. Thread-safe.
/// </summary>
public sealed partial class ClientSecretCodec
{
    /// <summary>The prefix OpenAI's ephemeral keys carry too.</summary>
    public const string Prefix = "ek_";

    private const int SignatureBytes = 32;

    private readonly byte[] _key;
    private readonly ClientSecretOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Signs with <see cref="ClientSecretOptions.SigningKey"/>, or a random key of this process when it is unset.</summary>
    public ClientSecretCodec(IOptions<ClientSecretOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
        _key = _options.DecodeSigningKey() ?? RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>
    /// Mints a token for <paramref name="grant"/>, valid for <paramref name="lifetime"/> (default
    /// <see cref="ClientSecretOptions.DefaultLifetime"/>), shortened to <see cref="ClientSecretOptions.MaxLifetime"/>.
    /// </summary>
    public (string Value, ClientSecretClaims Claims) Issue(ClientSecretGrant grant, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var granted = lifetime ?? _options.DefaultLifetime;
        if (granted > _options.MaxLifetime)
        {
            granted = _options.MaxLifetime;
        }

        var seconds = Math.Max(1, (long)granted.TotalSeconds);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds() + seconds);
        var claims = new ClientSecretClaims(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), expiresAt,
            grant.KeyId, grant.Model, grant.Origin);
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new Payload(claims.Id, expiresAt.ToUnixTimeSeconds(), claims.KeyId, claims.Model, claims.Origin),
            PayloadJsonContext.Default.Payload);
        var signed = Prefix + Base64Url.EncodeToString(payload);
        return ($"{signed}.{Base64Url.EncodeToString(Sign(signed))}", claims);
    }

    /// <summary>Verifies <paramref name="value"/>: its signature, then its expiry. <paramref name="claims"/> are set unless it is <see cref="ClientSecretStatus.Invalid"/>.</summary>
    public ClientSecretStatus Read(string value, out ClientSecretClaims? claims)
    {
        claims = null;
        var dot = value.LastIndexOf('.');
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || dot < Prefix.Length)
        {
            return ClientSecretStatus.Invalid;
        }

        var signed = value[..dot];
        var signature = value.AsSpan(dot + 1);
        Span<byte> presented = stackalloc byte[SignatureBytes];
        // IsValid first: TryDecodeFromChars throws on characters outside the alphabet.
        if (!Base64Url.IsValid(signature, out var length) || length != SignatureBytes
            || !Base64Url.TryDecodeFromChars(signature, presented, out var written) || written != SignatureBytes
            || !CryptographicOperations.FixedTimeEquals(presented, Sign(signed)))
        {
            return ClientSecretStatus.Invalid;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(signed.AsSpan(Prefix.Length)), PayloadJsonContext.Default.Payload);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            // Signed by us yet unreadable: only a different version of this server could have written it.
            return ClientSecretStatus.Invalid;
        }

        if (payload is not { Id: { Length: > 0 } id })
        {
            return ClientSecretStatus.Invalid;
        }

        claims = new ClientSecretClaims(id, DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt), payload.KeyId, payload.Model, payload.Origin);
        return _time.GetUtcNow() >= claims.ExpiresAt ? ClientSecretStatus.Expired : ClientSecretStatus.Valid;
    }

    private byte[] Sign(string signed) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(signed));

    /// <summary>The signed JSON: short names keep the token short (it travels in a header).</summary>
    internal sealed record Payload(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("exp")] long ExpiresAt,
        [property: JsonPropertyName("key")] string? KeyId,
        [property: JsonPropertyName("model")] string? Model,
        [property: JsonPropertyName("origin")] string? Origin);

    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(Payload))]
    internal sealed partial class PayloadJsonContext : JsonSerializerContext;
}
