using RealtimeAsr.Cli.Tests.Support;
using RealtimeAsr.Models;
using RealtimeAsr.Models.Tests.Support;

namespace RealtimeAsr.Cli.Tests.Commands;

/// <summary><c>realtime-asr models</c> with a one-model test catalogue served from a loopback HTTP server.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly TempFolder _cache = new();
    private readonly byte[] _content = TestModels.Content();

    private string CachedPath => Path.Combine(_cache.Path, TestModels.FileName);

    [Fact]
    public async Task List_shows_the_catalogue_what_is_cached_and_the_cache_folder()
    {
        var models = new ModelCatalogue(new Uri("http://127.0.0.1:9/"),
        [
            new ModelInfo { Name = "alpha", FileName = "ggml-alpha.bin", ApproximateSize = 75L << 20, Sha1 = new string('a', 40) },
            new ModelInfo { Name = "beta", FileName = "ggml-beta.bin" },
        ]);
        _cache.Write("ggml-alpha.bin", "x");

        var run = await CliRun.PipedAsync(models, "models", "list", "--cache", _cache.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["NAME", "SIZE", "SHA-1", "CACHED"], run.OutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["alpha", "75", "MiB", "published", "yes"], run.OutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["beta", "?", "unknown", "-"], run.OutLines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"cache: {_cache.Path}", run.OutLines[^1]);
    }

    [Fact]
    public async Task List_of_the_published_catalogue_names_the_whisper_models()
    {
        var run = await CliRun.PipedAsync("models", "list", "--cache", _cache.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        var names = run.OutLines.Skip(1).SkipLast(1).Select(line => line.Split(' ')[0]).ToArray();
        Assert.Contains("tiny", names);
        Assert.Contains("large-v3-turbo", names);
        Assert.Equal(ModelCatalogue.Whisper.Models.Count, names.Length);
    }

    [Fact]
    public async Task The_cache_folder_comes_from_REALTIME_ASR_MODELS_without_cache()
    {
        var run = await CliRun.RunAsync(["models", "list"], null, terminal: false,
            environment: name => name == "REALTIME_ASR_MODELS" ? _cache.Path : null);

        Assert.Equal($"cache: {_cache.Path}", run.OutLines[^1]);
    }

    [Fact]
    public async Task Download_prints_progress_lines_and_the_path_when_not_on_a_terminal()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);

        var run = await CliRun.PipedAsync(TestModels.Catalogue(server.BaseUri, _content), "models", "download", TestModels.Name, "--cache", _cache.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(_content, await File.ReadAllBytesAsync(CachedPath));
        Assert.StartsWith($"{TestModels.Name}: downloading", run.OutLines[0], StringComparison.Ordinal);
        // A line at each tenth the download crosses (a read can cross several): from 0% to 100%, rising.
        var percentages = run.OutLines[1..^1].Select(line => int.Parse(line.Split(' ')[1].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0, percentages[0]);
        Assert.Equal(100, percentages[^1]);
        Assert.Equal(percentages.Order().Distinct(), percentages);
        Assert.Equal($"{TestModels.Name}: 100% (293 KiB of 293 KiB)", run.OutLines[^2]);
        Assert.Equal($"{TestModels.Name}: {CachedPath} (SHA-1 verified)", run.OutLines[^1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Download_draws_a_progress_bar_when_standard_error_is_a_terminal()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);

        var run = await CliRun.RunAsync(["models", "download", TestModels.Name, "--cache", _cache.Path], null, terminal: false,
            errorTerminal: true, models: TestModels.Catalogue(server.BaseUri, _content));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{TestModels.Name}: {CachedPath} (SHA-1 verified)", Assert.Single(run.OutLines));
        Assert.Contains(TestModels.Name, run.Error, StringComparison.Ordinal);
        Assert.Contains("100%", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public async Task Download_source_replaces_the_catalogue_source()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);

        var run = await CliRun.PipedAsync(TestModels.Catalogue(new Uri("http://127.0.0.1:9/nowhere/"), _content),
            "models", "download", TestModels.Name, "--cache", _cache.Path, "--source", server.BaseUri.AbsoluteUri);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(server.BaseUri.AbsoluteUri, run.OutLines[0], StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Download_of_a_cached_model_makes_no_request()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);
        _cache.Write(TestModels.FileName, _content);

        var run = await CliRun.PipedAsync(TestModels.Catalogue(server.BaseUri, _content), "models", "download", TestModels.Name, "--cache", _cache.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{TestModels.Name}: already in the cache, {CachedPath} (SHA-1 verified)", run.OutLines[^1]);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Download_with_a_wrong_checksum_fails_in_one_line_and_leaves_nothing_in_the_cache()
    {
        await using var server = new LoopbackFileServer(TestModels.FileName, _content);

        var run = await CliRun.PipedAsync(TestModels.Catalogue(server.BaseUri, _content, sha1: new string('0', 40)),
            "models", "download", TestModels.Name, "--cache", _cache.Path);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"realtime-asr: {TestModels.FileName} from {server.BaseUri}", line, StringComparison.Ordinal);
        Assert.Contains("expected 0000000000000000000000000000000000000000", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_cache.Path));
    }

    [Theory]
    [InlineData("download")]
    [InlineData("verify")]
    public async Task An_unknown_model_name_says_in_one_line_how_to_see_the_names(string command)
    {
        var run = await CliRun.PipedAsync("models", command, "tiny.fr", "--cache", _cache.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("realtime-asr: unknown model 'tiny.fr'; 'realtime-asr models list' shows the names", Assert.Single(run.ErrorLines));
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Verify_reports_good_and_damaged_files_and_fails_on_a_damaged_one()
    {
        var models = new ModelCatalogue(new Uri("http://127.0.0.1:9/"),
        [
            new ModelInfo { Name = "good", FileName = "ggml-good.bin", Sha1 = TestModels.Sha1Of(_content) },
            new ModelInfo { Name = "bad", FileName = "ggml-bad.bin", Sha1 = TestModels.Sha1Of(_content) },
            new ModelInfo { Name = "absent", FileName = "ggml-absent.bin", Sha1 = TestModels.Sha1Of(_content) },
        ]);
        _cache.Write("ggml-good.bin", _content);
        _cache.Write("ggml-bad.bin", _content[..1000]);

        var all = await CliRun.PipedAsync(models, "models", "verify", "--cache", _cache.Path);
        var good = await CliRun.PipedAsync(models, "models", "verify", "good", "--cache", _cache.Path);

        Assert.Equal(1, all.ExitCode);
        Assert.Equal(2, all.OutLines.Length);
        Assert.Equal($"good: ok ({Path.Combine(_cache.Path, "ggml-good.bin")})", all.OutLines[0]);
        Assert.StartsWith("bad: DAMAGED, SHA-1 ", all.OutLines[1], StringComparison.Ordinal);
        Assert.EndsWith("download it again: realtime-asr models download bad", all.OutLines[1], StringComparison.Ordinal);
        Assert.Equal("realtime-asr: 1 of 2 models damaged or missing", Assert.Single(all.ErrorLines));
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Single(good.OutLines);
    }

    [Fact]
    public async Task Verify_with_an_empty_cache_says_so()
    {
        var run = await CliRun.PipedAsync("models", "verify", "--cache", _cache.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"no models in the cache ({_cache.Path})", Assert.Single(run.OutLines));
    }

    public void Dispose() => _cache.Dispose();
}
