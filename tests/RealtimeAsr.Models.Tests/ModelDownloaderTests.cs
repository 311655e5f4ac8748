using RealtimeAsr.Models.Tests.Support;

namespace RealtimeAsr.Models.Tests;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = new();
    private readonly byte[] _content = TestModels.Content();

    private ModelDownloader Downloader => new(_http) { RetryDelay = TimeSpan.Zero };

    private ModelCache Cache(LoopbackFileServer server, string? sha1 = null) =>
        new(_folder.Path, TestModels.Catalogue(server.BaseUri, _content, sha1));

    private string CachedPath => Path.Combine(_folder.Path, TestModels.FileName);

    [Fact]
    public async Task Download_reports_progress_and_stores_the_verified_file()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = Cache(server);
        var progress = new RecordingProgress();

        var result = await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name), progress: progress);

        Assert.True(result.Downloaded);
        Assert.Equal(ModelFileState.Good, result.State);
        Assert.Equal(CachedPath, result.Path);
        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        Assert.Equal([TestModels.FileName], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        Assert.True(progress.Reports.Count > 2, $"{progress.Reports.Count} progress reports");
        Assert.All(progress.Reports, p => Assert.Equal(_content.Length, p.TotalBytes));
        Assert.Equal(_content.Length, progress.Reports[^1].BytesReceived);
        Assert.Equal(progress.Reports.Select(p => p.BytesReceived).Order(), progress.Reports.Select(p => p.BytesReceived));
        Assert.Single(server.Requests);
        Assert.Null(server.Requests.Single().Range);
    }

    [Fact]
    public async Task A_cut_connection_is_resumed_with_Range_and_the_file_finished()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content) { CutFirstResponseAfter = 100_000 };
        var cache = Cache(server);

        var result = await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));

        Assert.True(result.Downloaded);
        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].Range);
        Assert.Equal("bytes=100000-", requests[1].Range);
    }

    [Fact]
    public async Task A_part_left_by_an_earlier_run_is_resumed()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = Cache(server);
        await File.WriteAllBytesAsync(CachedPath + ".part", _content[..123_456]);

        await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));

        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        Assert.False(File.Exists(CachedPath + ".part"));
        Assert.Equal("bytes=123456-", Assert.Single(server.Requests).Range);
    }

    [Fact]
    public async Task A_server_that_ignores_Range_restarts_the_file_from_the_start()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content) { IgnoreRange = true };
        var cache = Cache(server);
        // A part that is not even a prefix of the file: only a clean restart gives the right file.
        await File.WriteAllBytesAsync(CachedPath + ".part", new byte[50_000]);

        var result = await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));

        Assert.Equal(ModelFileState.Good, result.State);
        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        Assert.Equal("bytes=50000-", Assert.Single(server.Requests).Range);
    }

    [Fact]
    public async Task A_cut_connection_to_a_server_that_ignores_Range_still_ends_with_the_whole_file()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content) { CutFirstResponseAfter = 70_000, IgnoreRange = true };
        var cache = Cache(server);

        await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));

        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_checksum_mismatch_is_rejected_and_nothing_is_left_in_the_cache()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = Cache(server, sha1: new string('0', 40));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name)));

        Assert.Contains("expected 0000000000000000000000000000000000000000", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestModels.Sha1Of(_content), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task A_cache_hit_makes_no_request()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = Cache(server);
        await File.WriteAllBytesAsync(CachedPath, _content);

        var result = await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));

        Assert.False(result.Downloaded);
        Assert.Equal(ModelFileState.Good, result.State);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_damaged_cached_file_is_downloaded_again()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = Cache(server);
        var damaged = (byte[])_content.Clone();
        damaged[1000] ^= 0xFF;
        await File.WriteAllBytesAsync(CachedPath, damaged);

        var result = await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));

        Assert.True(result.Downloaded);
        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
    }

    [Fact]
    public async Task A_mirror_replaces_the_catalogue_source()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = new ModelCache(_folder.Path, TestModels.Catalogue(new Uri("http://127.0.0.1:9/nowhere/"), _content));

        var result = await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name), mirror: server.BaseUri);

        Assert.Equal(new Uri(server.BaseUri, TestModels.FileName), result.Source);
        Assert.Equal("/mirror/" + TestModels.FileName, Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task A_missing_file_at_the_source_fails_at_once_naming_the_status()
    {
        await using var server = new LoopbackFileServer("ggml-other.bin", _content);
        var cache = Cache(server);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name)));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.False(File.Exists(CachedPath));
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_leaves_no_empty_part()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var cache = new ModelCache(_folder.Path, TestModels.Catalogue(new Uri($"http://127.0.0.1:{port}/"), _content));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() =>
            new ModelDownloader(_http) { MaxAttempts = 2, RetryDelay = TimeSpan.Zero }.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name)));

        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task Cancellation_keeps_the_part_for_the_next_download()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        var cache = Cache(server);
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.BytesReceived > 0)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name), progress: progress, cancellationToken: cancel.Token));

        Assert.False(File.Exists(CachedPath));
        var kept = new FileInfo(CachedPath + ".part").Length;
        Assert.InRange(kept, 1, _content.Length - 1);

        await Downloader.DownloadAsync(cache, cache.Catalogue.Get(TestModels.Name));
        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        Assert.Equal($"bytes={kept}-", server.Requests.Last().Range);
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    /// <summary>Records every report synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class RecordingProgress(Action<ModelDownloadProgress>? onReport = null) : IProgress<ModelDownloadProgress>
    {
        public List<ModelDownloadProgress> Reports { get; } = [];

        public void Report(ModelDownloadProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
