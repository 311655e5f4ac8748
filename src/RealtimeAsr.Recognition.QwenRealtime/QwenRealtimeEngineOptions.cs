
namespace RealtimeAsr.Recognition.QwenRealtime;

/// <summary>
/// Settings of a <see cref="QwenRealtimeEngine"/> (bound by the server from <c>RealtimeAsr:Engines:&lt;name&gt;</c>, beside
/// <c>Type: qwen-realtime</c>). Every setting has a working default except <see cref="Url"/>. See docs/ENGINES.md,
/// "qwen-realtime (gateway)".
/// </summary>
public sealed class QwenRealtimeEngineOptions
{
    /// <summary>
    /// The upstream's realtime endpoint, without <c>?model=</c> (it is added from <see cref="Model"/>), e.g.
    /// <c>wss://dashscope.aliyuncs.com/api-ws/v1/realtime</c> or another RealtimeAsr's
    /// <c>ws://asr-backend:8080/api-ws/v1/realtime</c>. Required; no default.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// The key this server presents upstream (<c>Authorization: Bearer</c>); it never reaches clients. Default: none,
    /// which for Alibaba Cloud's hosts (<c>*.aliyuncs.com</c>) means the <c>DASHSCOPE_API_KEY</c> environment variable,
    /// and for any other host no key (an upstream without keys).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The upstream model, sent as <c>?model=</c>. Default: <c>qwen3-asr-flash-realtime</c>.</summary>
    public string Model { get; set; } = "qwen3-asr-flash-realtime";

    /// <summary>
    /// The DashScope workspace, sent as the <c>X-DashScope-WorkSpace</c> header (Alibaba Cloud's sub-accounts).
    /// Default: none.
    /// </summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// How long opening the upstream session may take: the WebSocket handshake plus <c>session.update</c> →
    /// <c>session.updated</c>, and any later <c>session.update</c>. Default 10 s: a reachable upstream usually answers
    /// within a second or two, and the first item of a session waits this long at most before it fails with
    /// <c>backend_timeout</c>.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an item may wait for the upstream's final result once our VAD ended it (or the client committed it):
    /// beyond it the item fails with <c>backend_timeout</c> and the upstream session is replaced. Default 20 s: a
    /// streaming upstream answers about as speech ends, but a RealtimeAsr upstream running Whisper on a busy CPU takes several seconds at
    /// the 95th percentile (docs/ENGINES.md, "Speed and memory"), and a false timeout loses a transcript.
    /// </summary>
    public TimeSpan ResultTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The protocol's language codes the upstream serves, checked at <c>session.update</c>. Default <see langword="null"/>:
    /// the protocol's 27 (<see cref="ProtocolLanguages.All"/>), what Alibaba Cloud's model serves. Set it to what the
    /// upstream really serves (e.g. <c>["en"]</c> for a RealtimeAsr with the embedded engine) so that clients are told
    /// at once instead of by failed items.
    /// </summary>
    public IList<string>? Languages { get; set; }

    /// <summary>
    /// Allows sending <see cref="ApiKey"/> over unencrypted <c>ws://</c> to a host other than loopback (for an upstream
    /// inside the same private network). Default <see langword="false"/>: such a configuration fails start-up.
    /// </summary>
    public bool AllowApiKeyOverInsecureTransport { get; set; }

    /// <summary>The languages <see cref="Languages"/> amounts to.</summary>
    public IReadOnlySet<string> EffectiveLanguages =>
        ProtocolLanguages.Served(Languages);

    /// <summary>Throws when a setting is missing or out of range; <see cref="QwenRealtimeEngine"/> calls it when it is created.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (Url is not { IsAbsoluteUri: true } url || url.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException(
                $"{nameof(Url)} is required: the upstream's realtime endpoint, an absolute ws:// or wss:// URL such as "
                + "wss://dashscope.aliyuncs.com/api-ws/v1/realtime" + (Url is null ? "." : $", not '{Url}'."), nameof(Url));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException($"{nameof(Model)} is required: the upstream model, e.g. qwen3-asr-flash-realtime.", nameof(Model));
        }

        EngineSettings.Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), ConnectTimeout, "positive");
        EngineSettings.Require(ResultTimeout > TimeSpan.Zero, nameof(ResultTimeout), ResultTimeout, "positive");
        if (Languages?.FirstOrDefault(code => !ProtocolLanguages.All.Contains(code)) is { } unknown)
        {
            throw new ArgumentException(
                $"{nameof(Languages)} holds '{unknown}', which is not one of the protocol's codes: {string.Join(", ", ProtocolLanguages.All)}.",
                nameof(Languages));
        }
    }

    /// <summary>A copy, so that the engine's settings do not change when the caller's object does.</summary>
    internal QwenRealtimeEngineOptions Snapshot() => new()
    {
        Url = Url,
        ApiKey = ApiKey,
        Model = Model,
        Workspace = Workspace,
        ConnectTimeout = ConnectTimeout,
        ResultTimeout = ResultTimeout,
        Languages = Languages?.ToList(),
        AllowApiKeyOverInsecureTransport = AllowApiKeyOverInsecureTransport,
    };
}
