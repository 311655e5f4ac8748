using System.Text.RegularExpressions;

namespace RealtimeAsr.Server;

public sealed partial class RealtimeEndpoint
{
    /// <summary>OpenAI's Realtime path; only transcription sessions (<c>?intent=transcription</c>) are served.</summary>
    public const string OpenAIPath = "/v1/realtime";

    /// <summary>The model an OpenAI-dialect connection opens without <c>?model=</c>: the standard one (the default engine).</summary>
    public const string OpenAIDefaultModel = "qwen3-asr-flash-realtime";

    /// <summary>
    /// Handles one handshake at <c>/v1/realtime?intent=transcription[&amp;model=…]</c>: the same admission, session and
    /// connection as the Qwen endpoint, with the <see cref="OpenAIDialect"/> at the edge.
    /// </summary>
    public Task HandleOpenAIAsync(HttpContext context)
    {
        var model = context.Request.Query["model"].ToString();
        return HandleAsync(context, model.Length == 0 ? OpenAIDefaultModel : model, openAI: true);
    }

    private static string? IntentRefusal(HttpContext context) =>
        context.Request.Query["intent"].ToString() == "transcription"
            ? null
            : "Only transcription sessions are served here: connect to /v1/realtime?intent=transcription (conversation sessions are not offered).";

    private OpenAIDialect CreateOpenAIDialect(HttpContext context, string model, string engine)
    {
        var beta = context.Request.Headers["OpenAI-Beta"].ToString().Contains("realtime=v1", StringComparison.OrdinalIgnoreCase);
        return new OpenAIDialect(model, beta, requested => CheckTranscriptionModel(requested, model, engine));
    }

    /// <summary>
    /// A session's engine is fixed when its connection opens, so a <c>transcription.model</c> named later must be served
    /// by that engine: this connection's model, another name for the same engine, or one of OpenAI's own transcription
    /// model names (read as "this connection's model", so unchanged OpenAI code works). Returns why not, or null.
    /// </summary>
    private string? CheckTranscriptionModel(string requested, string model, string engine)
    {
        if (requested == model || OpenAITranscriptionModel().IsMatch(requested))
        {
            return null;
        }

        if (models.Resolve(requested) is not { } served)
        {
            return $"Model '{requested}' is not served here. Models: {string.Join(", ", models.DescribeModels())}.";
        }

        return string.Equals(served.Engine, engine, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Model '{requested}' is served by engine '{served.Engine}', but this connection was opened for model '{model}' (engine '{engine}'), "
              + $"and a connection's engine cannot change: connect to {OpenAIPath}?intent=transcription&model={requested} instead.";
    }

    [GeneratedRegex(@"^(whisper-1|gpt-4o(-mini)?-transcribe(-[a-z0-9-]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAITranscriptionModel();
}
