using System.Text.Json;

namespace RealtimeAsr.Server;

/// <summary>
/// <c>stream=true</c>: server-sent events as OpenAI sends them, a <c>transcript.text.delta</c> per utterance as soon as
/// the session completes it, then <c>transcript.text.done</c> with the whole text. A failure after the stream began
/// ends it with an <c>error</c> event in OpenAI's error shape.
/// </summary>
public static class TranscriptStreamWriter
{
    /// <summary>Writes <paramref name="segments"/> as they come.</summary>
    public static async Task WriteAsync(HttpContext context, IAsyncEnumerable<TranscriptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(segments);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(context.RequestAborted);
        List<string> texts = [];
        try
        {
            await foreach (var segment in segments)
            {
                await SendAsync(context, new TranscriptTextEvent("transcript.text.delta", Delta: texts.Count == 0 ? segment.Text : " " + segment.Text));
                texts.Add(segment.Text);
            }
        }
        catch (TranscriptionFailedException failure)
        {
            var error = JsonSerializer.Serialize(new OpenAIErrorResponse(new OpenAIError(failure.Message, "server_error", failure.Param, failure.Code)),
                OpenAITranscriptionJsonContext.Default.OpenAIErrorResponse);
            // {"type":"error","error":{…}}: the error object with the event's type in front.
            await WriteDataAsync(context, "{\"type\":\"error\"," + error[1..]);
            return;
        }

        await SendAsync(context, new TranscriptTextEvent("transcript.text.done", Text: string.Join(' ', texts)));
    }

    private static Task SendAsync(HttpContext context, TranscriptTextEvent textEvent) =>
        WriteDataAsync(context, JsonSerializer.Serialize(textEvent, OpenAITranscriptionJsonContext.Default.TranscriptTextEvent));

    private static async Task WriteDataAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync($"data: {json}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
