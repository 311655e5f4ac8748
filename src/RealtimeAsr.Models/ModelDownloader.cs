using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace RealtimeAsr.Models;

/// <summary>
/// Downloads catalogue models into a <see cref="ModelCache"/>: resumable, verified, and atomic.
/// </summary>
/// <remarks>
/// <para>A cached file that matches its checksum is a hit: no request is made.</para>
/// <para>The body is written to <c>FILE.part</c> beside the final file. A cut connection is retried (up to
/// <see cref="MaxAttempts"/>) with <c>Range: bytes=N-</c> from the bytes already written, and so is a later run after
/// a cancellation. A server that ignores <c>Range</c> (answers 200, or a 206 from another offset) restarts the file from
/// its first byte.</para>
/// <para>The SHA-1 is computed while writing (the part already on disk is hashed once on resume). A mismatch deletes
/// the part and fails; a match moves the part over the final name in one rename, so the cache never holds half a model
/// under its real name.</para>
/// </remarks>
public sealed class ModelDownloader
{
    private readonly HttpClient _http;

    /// <summary>Creates a downloader that sends its requests with <paramref name="http"/> (redirects followed).</summary>
    public ModelDownloader(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    /// <summary>Requests made for one file before giving up on a failing connection. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait before the first retry, doubled for each next one. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Makes sure <paramref name="model"/> is in <paramref name="cache"/>, downloading it when it is missing or damaged.
    /// </summary>
    /// <param name="cache">The cache to fill.</param>
    /// <param name="model">A model of the cache's catalogue (or any model with a file name and source).</param>
    /// <param name="mirror">A base URL replacing the catalogue's source (<c>--source</c>), or <see langword="null"/>.</param>
    /// <param name="progress">Receives the bytes written so far (including a resumed part) and the total when known.</param>
    /// <param name="cancellationToken">Stops the download; the part stays, and the next download resumes it.</param>
    /// <exception cref="ModelDownloadException">The server refused the file, the connection kept failing, or the checksum did not match.</exception>
    public async Task<ModelDownloadResult> DownloadAsync(
        ModelCache cache,
        ModelInfo model,
        Uri? mirror = null,
        IProgress<ModelDownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(model);

        var path = cache.PathOf(model);
        var uri = cache.Catalogue.DownloadUri(model, mirror);
        var existing = await cache.VerifyAsync(model, cancellationToken).ConfigureAwait(false);
        if (existing.State is ModelFileState.Good or ModelFileState.Unverified)
        {
            return new ModelDownloadResult(model, path, uri, Downloaded: false, existing.State, existing.Sha1!);
        }

        Directory.CreateDirectory(cache.Folder);
        var partPath = path + ".part";
        string sha1;
        var file = new FileStream(partPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            using var hash = ModelChecksum.Create();
            if (file.Length > 0)
            {
                await ModelChecksum.AppendAsync(hash, file, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await TransferWithRetriesAsync(uri, file, hash, progress, cancellationToken).ConfigureAwait(false);
            }
            catch when (file.Length == 0)
            {
                // Nothing to resume (no such host, refused): leave no empty part behind.
                file.Close();
                File.Delete(partPath);
                throw;
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            sha1 = ModelChecksum.Hex(hash);

            var problem = model.Size is { } size && file.Length != size ? $"{file.Length} bytes, expected {size}"
                : model.Sha1 is { } expected && !string.Equals(sha1, expected, StringComparison.OrdinalIgnoreCase) ? $"SHA-1 {sha1}, expected {expected}"
                : null;
            if (problem is not null)
            {
                file.Close();
                File.Delete(partPath);
                throw new ModelDownloadException(
                    $"{model.FileName} from {uri} is not the published file ({problem}); it was deleted. Download it again, or from another --source.");
            }
        }

        File.Move(partPath, path, overwrite: true);
        return new ModelDownloadResult(model, path, uri, Downloaded: true, model.Sha1 is null ? ModelFileState.Unverified : ModelFileState.Good, sha1);
    }

    private async Task TransferWithRetriesAsync(Uri uri, FileStream file, IncrementalHash hash, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var delay = RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(uri, file, hash, progress, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
            {
                // A read cut short by the cancellation surfaces as an I/O error: report it as what it is.
                throw new OperationCanceledException("the download was cancelled", exception, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException
                && exception is not ModelDownloadException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= MaxAttempts)
                {
                    var kept = file.Length > 0 ? $"; {file.Length} bytes kept in {file.Name}, the next download resumes there" : "";
                    throw new ModelDownloadException($"{uri}: {exception.Message} ({attempt} attempts{kept})", exception);
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay *= 2;
                }
            }
        }
    }

    /// <summary>One request: from the part's end when it has bytes, from the start when the server will not resume.</summary>
    private async Task TransferAsync(Uri uri, FileStream file, IncrementalHash hash, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var offset = file.Length;
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            // The part is as long as the file or longer (the file changed at the source): start again.
            Restart(file, hash);
            throw new IOException($"the server cannot resume at byte {offset}; starting again");
        }

        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ModelDownloadException($"{uri}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        long? total;
        if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange is { } range)
        {
            if (range.From != offset)
            {
                Restart(file, hash);
                throw new IOException($"the server resumed at byte {range.From}, not {offset}; starting again");
            }

            total = range.Length;
        }
        else
        {
            // 200: the whole file, whatever was asked (a server that ignores Range).
            if (offset > 0)
            {
                Restart(file, hash);
            }

            total = response.Content.Headers.ContentLength;
        }

        progress?.Report(new ModelDownloadProgress(file.Length, total));
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                hash.AppendData(buffer, 0, read);
                progress?.Report(new ModelDownloadProgress(file.Length, total));
            }
        }

        if (total is { } expected && file.Length != expected)
        {
            throw new IOException($"the connection closed after {file.Length} of {expected} bytes");
        }
    }

    private static void Restart(FileStream file, IncrementalHash hash)
    {
        file.SetLength(0);
        file.Position = 0;
        hash.GetHashAndReset();
    }
}

/// <summary>How far a download is.</summary>
/// <param name="BytesReceived">Bytes of the file on disk so far, a resumed part included.</param>
/// <param name="TotalBytes">The file's size when the server says it.</param>
public readonly record struct ModelDownloadProgress(long BytesReceived, long? TotalBytes);

/// <summary>A model in the cache after <see cref="ModelDownloader.DownloadAsync"/>.</summary>
/// <param name="Model">The model.</param>
/// <param name="Path">Its file in the cache.</param>
/// <param name="Source">The URL it is (or would have been) downloaded from.</param>
/// <param name="Downloaded"><see langword="false"/> for a cache hit: the file was already there and no request was made.</param>
/// <param name="State"><see cref="ModelFileState.Good"/>, or <see cref="ModelFileState.Unverified"/> for a model without a published checksum.</param>
/// <param name="Sha1">The file's SHA-1.</param>
public sealed record ModelDownloadResult(ModelInfo Model, string Path, Uri Source, bool Downloaded, ModelFileState State, string Sha1);

/// <summary>A download that cannot finish: refused by the server, failing connection, or the wrong file.</summary>
public sealed class ModelDownloadException : IOException
{
    public ModelDownloadException()
    {
    }

    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
