using System.Text.Json;

namespace RealtimeAsr.Server;

/// <summary>Reads the small JSON body of a token request, bounded, so a huge body costs the server nothing.</summary>
internal static class RequestJson
{
    /// <summary>The largest body read: token requests are a few hundred bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body's root, <see langword="null"/> when empty; or <paramref name="Error"/>, what is wrong with it.</summary>
    public readonly record struct Result(JsonElement? Root, string? Error);

    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return new Result(null, $"The request body is larger than {MaxBytes / 1024} KiB.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return new Result(null, $"The request body is larger than {MaxBytes / 1024} KiB.");
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new Result(null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return new Result(document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return new Result(null, $"The request body is not valid JSON: {ex.Message}");
        }
    }
}
