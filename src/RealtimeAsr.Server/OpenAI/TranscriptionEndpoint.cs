using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RealtimeAsr.Audio;
using RealtimeAsr.Sessions;

namespace RealtimeAsr.Server;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c>, OpenAI's file transcription route: checks the key, the form, the model and the
/// limits (<see cref="OpenAITranscriptionOptions"/>), takes a transcription slot and a place in the live sessions'
/// admission, decodes the file (<see cref="AudioFileDecoder"/>) and recognises it through a session of its own
/// (<see cref="FileTranscription"/>). Errors are OpenAI-shaped. See docs/OPENAI.md.
/// </summary>
public sealed partial class TranscriptionEndpoint(
    ApiKeyAuthenticator keys,
    ModelCatalog models,
    SessionAdmission admission,
    TranscriptionSlots slots,
    FileTranscription transcription,
    IOptions<OpenAITranscriptionOptions> options,
    IHostApplicationLifetime lifetime,
    SessionMetrics metrics,
    ILogger<TranscriptionEndpoint> logger)
{
    /// <summary>The route, as OpenAI's.</summary>
    public const string Path = "/v1/audio/transcriptions";

    // Room for the multipart boundaries and the small fields beside the file.
    private const long FormOverheadBytes = 64 * 1024;

    private readonly OpenAITranscriptionOptions _options = options.Value;

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await TranscribeAsync(context);
        }
        catch (TranscriptionFailedException failure) when (!context.Response.HasStarted)
        {
            Log.Refused(logger, failure.Status, failure.Code);
            await FailAsync(context, failure);
        }
    }

    private async Task TranscribeAsync(HttpContext context)
    {
        if (!keys.TryAuthorize(context.Request.Headers.Authorization, out var keyId))
        {
            metrics.SessionRefused(RefusalReasons.InvalidApiKey, model: null);
            throw new TranscriptionFailedException(StatusCodes.Status401Unauthorized,
                "Invalid or missing API key. Send 'Authorization: Bearer <key>' with one of the server's keys.", null, "invalid_api_key");
        }

        var form = await ReadFormAsync(context);
        if (!TranscriptionRequest.TryRead(form, out var request, out var problem))
        {
            throw problem;
        }

        if (request.File.Length > _options.MaxUploadBytes)
        {
            throw TooLarge();
        }

        if (models.Resolve(request.Model) is not { } served)
        {
            metrics.SessionRefused(RefusalReasons.UnknownModel, model: null);
            throw new TranscriptionFailedException(StatusCodes.Status404NotFound,
                $"Model '{request.Model}' is not served here. Models: {string.Join(", ", models.ListServed().Select(m => m.Id))}.", "model", "model_not_found");
        }

        if (served.Entry is not { Engine: { } engine, Unavailable: null })
        {
            metrics.SessionRefused(RefusalReasons.EngineUnavailable, request.Model);
            throw new TranscriptionFailedException(StatusCodes.Status503ServiceUnavailable,
                $"Model '{request.Model}' is served by engine '{served.Engine}', which could not start: {served.Entry.Unavailable}", "model", "engine_unavailable");
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            metrics.SessionRefused(RefusalReasons.ShuttingDown, request.Model);
            throw new TranscriptionFailedException(StatusCodes.Status503ServiceUnavailable, "The server is shutting down; retry later.", null, "server_shutting_down");
        }

        if (!slots.TryTake(out var slot))
        {
            metrics.SessionRefused(RefusalReasons.Capacity, request.Model);
            context.Response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            throw new TranscriptionFailedException(StatusCodes.Status503ServiceUnavailable,
                $"The server is already transcribing {slots.Capacity} files, its limit (RealtimeAsr:OpenAI:MaxConcurrentTranscriptions). Retry in {admission.RetryAfterSeconds} s.",
                null, "server_busy");
        }

        using (slot)
        {
            if (!admission.TryAdmit(request.Model, engine, keyId, out var ticket, out var refusal))
            {
                metrics.SessionRefused(refusal.Reason, request.Model);
                context.Response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                throw new TranscriptionFailedException(refusal.StatusCode, refusal.Message, null,
                    refusal.StatusCode == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "server_busy");
            }

            using (ticket)
            {
                var audio = await DecodeAsync(request.File, context.RequestAborted);
                Log.Transcribing(logger, request.Model, audio.Format, audio.Duration.TotalSeconds, request.Format, request.Stream);
                var segments = await transcription.StartAsync(request.Model, engine, keyId, audio, request.Language, request.Prompt,
                    context.RequestAborted);
                if (request.Stream)
                {
                    await TranscriptStreamWriter.WriteAsync(context, segments);
                }
                else
                {
                    List<TranscriptSegment> all = [];
                    await foreach (var segment in segments)
                    {
                        all.Add(segment);
                    }

                    var language = all.FirstOrDefault()?.Language ?? request.Language ?? engine.Capabilities.Languages.Order(StringComparer.Ordinal).First();
                    await WriteAsync(context, request.Format, all, language, audio.Duration);
                }
            }
        }
    }

    private async Task<IFormCollection> ReadFormAsync(HttpContext context)
    {
        var limit = _options.MaxUploadBytes + FormOverheadBytes;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge();
        }

        if (!context.Request.HasFormContentType)
        {
            throw new TranscriptionFailedException(StatusCodes.Status400BadRequest,
                "Send the request as multipart/form-data, with the audio in a file part named 'file' (curl -F file=@speech.wav).", null, "invalid_request");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        try
        {
            return await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, context.RequestAborted);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException ex)
        {
            throw new TranscriptionFailedException(StatusCodes.Status400BadRequest, $"The multipart form could not be read: {ex.Message}", null, "invalid_request");
        }
    }

    private async Task<DecodedAudio> DecodeAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        try
        {
            // Decoding is CPU work outside the recognition workers; the transcription slots bound how much of it runs.
            return await Task.Run(() => AudioFileDecoder.Decode(bytes, _options.MaxAudioDuration), cancellationToken);
        }
        catch (UnsupportedAudioFileException ex)
        {
            throw new TranscriptionFailedException(StatusCodes.Status400BadRequest, ex.Message, "file", "unsupported_audio_format");
        }
        catch (InvalidAudioException ex)
        {
            throw new TranscriptionFailedException(StatusCodes.Status400BadRequest, $"The audio file could not be decoded: {ex.Message}", "file", "invalid_audio");
        }
        catch (AudioTooLongException ex)
        {
            throw new TranscriptionFailedException(StatusCodes.Status400BadRequest, $"{ex.Message} (RealtimeAsr:OpenAI:MaxAudioDuration)", "file", "audio_too_long");
        }
    }

    private static Task WriteAsync(HttpContext context, string format, List<TranscriptSegment> segments, string language, TimeSpan duration)
    {
        var text = string.Join(' ', segments.Select(s => s.Text));
        return format switch
        {
            "text" => PlainAsync(context, text + "\n"),
            "srt" => PlainAsync(context, SubtitleWriter.ToSrt(segments)),
            "vtt" => PlainAsync(context, SubtitleWriter.ToVtt(segments)),
            "verbose_json" => context.Response.WriteAsJsonAsync(new VerboseTranscriptionResponse("transcribe", language, Seconds(duration), text,
                    [.. segments.Select((s, i) => new VerboseTranscriptionSegment(i, 0, Seconds(s.Start), Seconds(s.End), s.Text, [], 0, 0, 0, 0))]),
                OpenAITranscriptionJsonContext.Default.VerboseTranscriptionResponse, contentType: null, context.RequestAborted),
            _ => context.Response.WriteAsJsonAsync(new TranscriptionJsonResponse(text),
                OpenAITranscriptionJsonContext.Default.TranscriptionJsonResponse, contentType: null, context.RequestAborted),
        };
    }

    // OpenAI answers text, srt and vtt as text/plain; its SDKs key on that.
    private static Task PlainAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    private static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 3);

    private TranscriptionFailedException TooLarge() => new(StatusCodes.Status413PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture,
            $"The file is larger than {_options.MaxUploadBytes} bytes, the most this server accepts (RealtimeAsr:OpenAI:MaxUploadBytes)."),
        "file", "file_too_large");

    internal static Task FailAsync(HttpContext context, TranscriptionFailedException failure)
    {
        context.Response.StatusCode = failure.Status;
        return context.Response.WriteAsJsonAsync(
            new OpenAIErrorResponse(new OpenAIError(failure.Message, "invalid_request_error", failure.Param, failure.Code)),
            OpenAITranscriptionJsonContext.Default.OpenAIErrorResponse, contentType: null, context.RequestAborted);
    }
}
