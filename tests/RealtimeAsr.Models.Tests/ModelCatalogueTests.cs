namespace RealtimeAsr.Models.Tests;

public sealed class ModelCatalogueTests
{
    [Fact]
    public void The_whisper_catalogue_names_every_model_download_ggml_model_sh_offers()
    {
        string[] expected =
        [
            "tiny", "tiny.en", "tiny-q5_1", "tiny.en-q5_1", "tiny-q8_0",
            "base", "base.en", "base-q5_1", "base.en-q5_1", "base-q8_0",
            "small", "small.en", "small.en-tdrz", "small-q5_1", "small.en-q5_1", "small-q8_0",
            "medium", "medium.en", "medium-q5_0", "medium.en-q5_0", "medium-q8_0",
            "large-v1", "large-v2", "large-v2-q5_0", "large-v2-q8_0",
            "large-v3", "large-v3-q5_0", "large-v3-turbo", "large-v3-turbo-q5_0", "large-v3-turbo-q8_0",
        ];

        Assert.Equal(expected, ModelCatalogue.Whisper.Models.Select(m => m.Name));
        Assert.All(ModelCatalogue.Whisper.Models, m => Assert.Equal($"ggml-{m.Name}.bin", m.FileName));
    }

    [Fact]
    public void Published_checksums_are_sha1_hex_and_the_unpublished_are_unknown_not_invented()
    {
        var models = ModelCatalogue.Whisper.Models;

        Assert.All(models.Where(m => m.Sha1 is not null), m => Assert.Matches("^[0-9a-f]{40}$", m.Sha1!));
        Assert.Equal(16, models.Count(m => m.Sha1 is not null));
        Assert.Equal("bd577a113a864445d4c299885e0cb97d4ba92b5f", ModelCatalogue.Whisper.Get("tiny").Sha1);
        Assert.Equal("4af2b29d7ec73d781377bfd1758ca957a807e941", ModelCatalogue.Whisper.Get("large-v3-turbo").Sha1);
        Assert.Null(ModelCatalogue.Whisper.Get("tiny-q5_1").Sha1);
        Assert.Equal("75 MiB", ModelCatalogue.Whisper.Get("tiny").DisplaySize);
        Assert.Equal("1.5 GiB", ModelCatalogue.Whisper.Get("large-v3-turbo").DisplaySize);
        Assert.Equal("?", ModelCatalogue.Whisper.Get("tiny-q5_1").DisplaySize);
    }

    [Fact]
    public void Download_urls_are_those_of_download_ggml_model_sh_unless_a_mirror_is_given()
    {
        var whisper = ModelCatalogue.Whisper;

        Assert.Equal("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin", whisper.DownloadUri(whisper.Get("base.en")).AbsoluteUri);
        Assert.Equal("https://huggingface.co/akashmjn/tinydiarize-whisper.cpp/resolve/main/ggml-small.en-tdrz.bin",
            whisper.DownloadUri(whisper.Get("small.en-tdrz")).AbsoluteUri);
        Assert.Equal("http://mirror.example/whisper/ggml-tiny.bin", whisper.DownloadUri(whisper.Get("tiny"), new Uri("http://mirror.example/whisper")).AbsoluteUri);
        Assert.Equal("http://mirror.example/whisper/ggml-tiny.bin", whisper.DownloadUri(whisper.Get("tiny"), new Uri("http://mirror.example/whisper/")).AbsoluteUri);
    }

    [Fact]
    public void An_unknown_name_says_how_to_see_the_names()
    {
        var error = Assert.Throws<UnknownModelException>(() => ModelCatalogue.Whisper.Get("tiny.fr"));

        Assert.Equal("unknown model 'tiny.fr'; 'realtime-asr models list' shows the names", error.Message);
        Assert.False(ModelCatalogue.Whisper.TryGet("TINY", out _));
    }
}
