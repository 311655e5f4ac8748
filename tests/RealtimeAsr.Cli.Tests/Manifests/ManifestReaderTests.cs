using RealtimeAsr.Cli.Manifests;
using RealtimeAsr.Cli.Tests.Support;

namespace RealtimeAsr.Cli.Tests.Manifests;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ManifestReaderTests()
    {
        _folder.Write("clips/a.wav", [1]);
        _folder.Write("clips/b.wav", [1]);
    }

    [Fact]
    public void A_tsv_manifest_skips_comments_blank_lines_and_a_header_and_resolves_paths_against_its_folder()
    {
        var manifest = _folder.Write("eval.tsv", "# my set\naudio\treference\tlanguage\n\nclips/a.wav\tHello there.\ten\r\n"
            + $"{_folder.File("clips/b.wav")}\t\n");

        var entries = ManifestReader.Read(manifest);

        Assert.Equal(2, entries.Count);
        Assert.Equal(new ManifestEntry("clips/a.wav", _folder.File("clips/a.wav"), "Hello there.", "en", $"{manifest}:4"), entries[0]);
        Assert.Equal("", entries[1].Reference);
        Assert.Null(entries[1].Language);
    }

    [Fact]
    public void A_header_is_only_recognised_on_the_first_data_line()
    {
        var manifest = _folder.Write("eval.tsv", "clips/a.wav\tone\naudio\treference\n");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(manifest));

        Assert.Equal($"{manifest}:2: no such audio file: {_folder.File("audio")}", error.Message);
    }

    [Theory]
    [InlineData("clips/a.wav\n")]
    [InlineData("clips/a.wav hello there\n")]
    [InlineData("clips/a.wav\thello\ten\textra\n")]
    [InlineData("\thello\n")]
    public void A_malformed_tsv_line_is_named_by_file_and_line(string line)
    {
        var manifest = _folder.Write("eval.tsv", "# header comment\nclips/b.wav\tfine\n" + line);

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(manifest));

        Assert.Equal($"{manifest}:3: expected 'audio<TAB>reference[<TAB>language]'", error.Message);
    }

    [Fact]
    public void A_missing_audio_file_is_named_with_its_line()
    {
        var manifest = _folder.Write("eval.tsv", "clips/a.wav\tone\nclips/missing.wav\ttwo\n");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(manifest));

        Assert.Equal($"{manifest}:2: no such audio file: {_folder.File("clips/missing.wav")}", error.Message);
    }

    [Fact]
    public void A_file_listed_twice_is_an_error()
    {
        var manifest = _folder.Write("eval.tsv", "clips/a.wav\tone\nclips/a.wav\ttwo\n");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(manifest));

        Assert.Equal($"{manifest}:2: clips/a.wav is listed twice (first on line 1)", error.Message);
    }

    [Fact]
    public void A_jsonl_manifest_accepts_the_nemo_names_and_ignores_other_members()
    {
        var manifest = _folder.Write("eval.jsonl", """
            {"audio": "clips/a.wav", "reference": "one", "language": "en"}

            {"audio_filepath": "clips/b.wav", "text": "two", "duration": 1.5}
            """);

        var entries = ManifestReader.Read(manifest);

        Assert.Equal([("clips/a.wav", "one", "en"), ("clips/b.wav", "two", null)], entries.Select(e => (e.Name, e.Reference, e.Language)));
        Assert.Equal($"{manifest}:3", entries[1].Source);
    }

    [Theory]
    [InlineData("{\"audio\": \"clips/a.wav\", \"reference\": ", "invalid JSON: ")]
    [InlineData("[\"clips/a.wav\", \"one\"]", "expected a JSON object with \"audio\" and \"reference\"")]
    [InlineData("{\"audio\": \"clips/a.wav\"}", "expected a JSON object with \"audio\" and \"reference\"")]
    [InlineData("{\"audio\": \"clips/a.wav\", \"reference\": 3}", "\"reference\" must be a string")]
    public void A_bad_jsonl_line_is_named_by_file_and_line(string line, string expected)
    {
        var manifest = _folder.Write("eval.jsonl", "{\"audio\": \"clips/b.wav\", \"reference\": \"fine\"}\n" + line + "\n");

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(manifest));

        Assert.StartsWith($"{manifest}:2: {expected}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_manifest_without_a_known_extension_is_recognised_by_its_content()
    {
        var jsonl = _folder.Write("set.manifest", "{\"audio\": \"clips/a.wav\", \"reference\": \"one\"}\n");
        var tsv = _folder.Write("set.list", "# comment\nclips/a.wav\tone\n");

        Assert.Equal("one", Assert.Single(ManifestReader.Read(jsonl)).Reference);
        Assert.Equal("one", Assert.Single(ManifestReader.Read(tsv)).Reference);
    }

    [Fact]
    public void A_folder_pairs_each_audio_file_with_its_text_in_name_order()
    {
        _folder.Write("set/b.wav", [1]);
        _folder.Write("set/b.txt", "second\nline\n");
        _folder.Write("set/a.opus", [1]);
        _folder.Write("set/a.txt", "first");
        _folder.Write("set/notes.txt", "not a reference");

        var entries = ManifestReader.Read(_folder.File("set"));

        Assert.Equal([("a.opus", "first"), ("b.wav", "second line")], entries.Select(e => (e.Name, e.Reference)));
    }

    [Fact]
    public void A_folder_audio_file_without_its_text_is_an_error()
    {
        _folder.Write("set/a.wav", [1]);

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(_folder.File("set")));

        Assert.Equal($"{_folder.File("set/a.wav")}: no reference a.txt beside it", error.Message);
    }

    [Fact]
    public void An_empty_manifest_and_a_missing_one_are_errors()
    {
        var empty = _folder.Write("empty.tsv", "# nothing yet\n");

        Assert.Equal($"{empty}: no entries", Assert.Throws<ManifestException>(() => ManifestReader.Read(empty)).Message);
        Assert.EndsWith("no such manifest file or folder", Assert.Throws<ManifestException>(() => ManifestReader.Read(_folder.File("none.tsv"))).Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
