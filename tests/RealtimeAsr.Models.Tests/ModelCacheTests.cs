using RealtimeAsr.Models.Tests.Support;

namespace RealtimeAsr.Models.Tests;

public sealed class ModelCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly byte[] _content = TestModels.Content(10_000);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_folder_follows_XDG_on_Linux_and_the_environment_variable_overrides_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // XDG paths are Linux's; the tests run on linux-x64.
        }

        Assert.Equal("/home/ada/.cache/realtime-asr/models", ModelCache.DefaultFolder(Environment(("HOME", "/home/ada"))));
        Assert.Equal("/var/cache/ada/realtime-asr/models",
            ModelCache.DefaultFolder(Environment(("HOME", "/home/ada"), ("XDG_CACHE_HOME", "/var/cache/ada"))));
        // The XDG specification: a relative path is invalid and ignored.
        Assert.Equal("/home/ada/.cache/realtime-asr/models",
            ModelCache.DefaultFolder(Environment(("HOME", "/home/ada"), ("XDG_CACHE_HOME", "relative"))));
        Assert.Equal("/srv/models",
            ModelCache.DefaultFolder(Environment(("HOME", "/home/ada"), ("XDG_CACHE_HOME", "/var/cache/ada"), ("REALTIME_ASR_MODELS", "/srv/models"))));
    }

    [Fact]
    public void An_explicit_folder_wins_over_the_environment()
    {
        var cache = ModelCache.Open(_folder.Path, getEnvironmentVariable: Environment(("REALTIME_ASR_MODELS", "/srv/models")));

        Assert.Equal(_folder.Path, cache.Folder);
        Assert.Equal("/srv/models", ModelCache.Open(null, getEnvironmentVariable: Environment(("REALTIME_ASR_MODELS", "/srv/models"))).Folder);
    }

    [Fact]
    public void TryResolve_finds_a_cached_model_by_its_catalogue_name()
    {
        var cache = new ModelCache(_folder.Path, TestModels.Catalogue(new Uri("http://127.0.0.1:9/"), _content));

        Assert.False(cache.TryResolve(TestModels.Name, out _));
        Assert.False(cache.TryResolve("no-such-model", out _));
        File.WriteAllBytes(Path.Combine(_folder.Path, TestModels.FileName), _content);

        Assert.True(cache.TryResolve(TestModels.Name, out var path));
        Assert.Equal(Path.Combine(_folder.Path, TestModels.FileName), path);
        Assert.Equal(path, cache.Resolve(TestModels.Name));
    }

    [Fact]
    public void Resolve_of_a_model_not_downloaded_names_the_command_that_fetches_it()
    {
        var cache = new ModelCache(_folder.Path);

        var error = Assert.Throws<FileNotFoundException>(() => cache.Resolve("base.en"));

        Assert.Contains("'realtime-asr models download base.en", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder.Path, "ggml-base.en.bin"), error.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownModelException>(() => cache.Resolve("base.fr"));
    }

    [Fact]
    public async Task Verify_tells_good_damaged_missing_and_unverifiable_files_apart()
    {
        var catalogue = new ModelCatalogue(new Uri("http://127.0.0.1:9/"),
        [
            new ModelInfo { Name = "good", FileName = "good.bin", Sha1 = TestModels.Sha1Of(_content) },
            new ModelInfo { Name = "bad", FileName = "bad.bin", Sha1 = TestModels.Sha1Of(_content) },
            new ModelInfo { Name = "short", FileName = "short.bin", Sha1 = TestModels.Sha1Of(_content), Size = _content.Length },
            new ModelInfo { Name = "missing", FileName = "missing.bin", Sha1 = TestModels.Sha1Of(_content) },
            new ModelInfo { Name = "unpublished", FileName = "unpublished.bin" },
        ]);
        var cache = new ModelCache(_folder.Path, catalogue);
        File.WriteAllBytes(Path.Combine(_folder.Path, "good.bin"), _content);
        File.WriteAllBytes(Path.Combine(_folder.Path, "bad.bin"), [.. _content.Reverse()]);
        File.WriteAllBytes(Path.Combine(_folder.Path, "short.bin"), _content[..100]);
        File.WriteAllBytes(Path.Combine(_folder.Path, "unpublished.bin"), _content);

        var states = new Dictionary<string, ModelCheck>();
        foreach (var model in catalogue.Models)
        {
            states[model.Name] = await cache.VerifyAsync(model);
        }

        Assert.Equal(ModelFileState.Good, states["good"].State);
        Assert.Equal(ModelFileState.Corrupt, states["bad"].State);
        Assert.Contains("expected " + TestModels.Sha1Of(_content), states["bad"].Problem, StringComparison.Ordinal);
        Assert.Equal(ModelFileState.Corrupt, states["short"].State);
        Assert.Equal(ModelFileState.Missing, states["missing"].State);
        Assert.Equal(ModelFileState.Unverified, states["unpublished"].State);
        Assert.Equal(["good", "bad", "unpublished"], cache.CachedModels().Select(m => m.Name));
    }

    public void Dispose() => _folder.Dispose();
}
