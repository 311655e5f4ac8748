namespace RealtimeAsr.Client.Internal;

/// <summary>
/// Which key goes to which endpoint. An Alibaba key found in the environment is meant for Alibaba Cloud, so it goes
/// only to Alibaba's hosts; and no key goes in clear text (<c>ws://</c>) beyond this machine unless the user said so.
/// </summary>
internal static class ApiKeyPolicy
{
    // Alibaba Cloud's public service domain: dashscope.aliyuncs.com, dashscope-intl.aliyuncs.com and the workspace
    // and regional hosts under it.
    private const string AlibabaCloudDomain = "aliyuncs.com";

    /// <summary>The key to send to <paramref name="sessionUri"/>, or <see langword="null"/> for none.</summary>
    /// <exception cref="InvalidOperationException">A key would go over <c>ws://</c> to a non-loopback host without the opt-in.</exception>
    public static string? Resolve(RealtimeAsrClientOptions options, Uri sessionUri)
    {
        var explicitKey = NullIfBlank(options.ApiKey);
        var key = explicitKey ?? (IsAlibabaCloud(sessionUri)
            ? NullIfBlank(Environment.GetEnvironmentVariable(RealtimeAsrClientOptions.ApiKeyEnvironmentVariable))
            : null);
        if (key is not null && !options.AllowApiKeyOverInsecureTransport && IsInsecureRemote(sessionUri))
        {
            throw new InvalidOperationException(
                $"Refusing to send the API key{(explicitKey is null ? $" from {RealtimeAsrClientOptions.ApiKeyEnvironmentVariable}" : "")} "
                + $"in clear text to {sessionUri.Host}: use wss://, or set {nameof(RealtimeAsrClientOptions.AllowApiKeyOverInsecureTransport)} "
                + "if the network is trusted.");
        }

        return key;
    }

    /// <summary>Whether <paramref name="uri"/> is a host of Alibaba Cloud, where the environment's key belongs.</summary>
    public static bool IsAlibabaCloud(Uri uri) =>
        uri.Host.Equals(AlibabaCloudDomain, StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith("." + AlibabaCloudDomain, StringComparison.OrdinalIgnoreCase);

    private static bool IsInsecureRemote(Uri uri) => uri.Scheme == "ws" && !uri.IsLoopback;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
