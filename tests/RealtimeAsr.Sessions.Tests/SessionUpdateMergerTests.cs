using System.Text.Json;
using RealtimeAsr.Protocol;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Sessions.Tests;

/// <summary>§3.1 and §11.3: deep merge, ranges, enums, the SDKs' extras and legacy fields, all or nothing.</summary>
public sealed class SessionUpdateMergerTests
{
    private static readonly SessionSettings s_lowLatencyEnglish =
        new(AudioFormats.Opus, 8000, "en", "Qwen, DashScope", TurnDetectionSettings.LowLatency);

    private static readonly SessionSettings s_manual = SessionSettings.Default with { TurnDetection = null };

    // ---- input_audio_format ----

    [Theory]
    [InlineData("pcm", "pcm")]
    [InlineData("pcm16", "pcm")]
    [InlineData("opus", "opus")]
    public void Input_audio_format_accepts_pcm_its_alias_and_opus(string format, string expected)
    {
        var merged = Apply(Fill("""{"input_audio_format":"@@"}""", format), s_lowLatencyEnglish);

        Assert.Equal(s_lowLatencyEnglish with { InputAudioFormat = expected }, merged);
    }

    [Theory]
    [InlineData("\"mp3\"", "'mp3'")]
    [InlineData("\"wav\"", "'wav'")]
    [InlineData("\"\"", "''")]
    [InlineData("\"pcm24\"", "'pcm24'")]
    [InlineData("\"g711_ulaw\"", "'g711_ulaw'")]
    [InlineData("16", "16")]
    [InlineData("true", "true")]
    [InlineData("{\"type\":\"pcm\"}", "{\"type\":\"pcm\"}")]
    public void Input_audio_format_rejects_other_values(string value, string shown)
    {
        var error = Reject(Fill("""{"input_audio_format":@@}""", value));

        AssertError(error, "session.input_audio_format", shown);
        Assert.Contains("'pcm', 'opus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_audio_format_null_keeps_the_current_format()
    {
        Assert.Equal(s_lowLatencyEnglish, Apply("""{"input_audio_format":null}""", s_lowLatencyEnglish));
    }

    // ---- sample_rate ----

    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    public void Sample_rate_accepts_16000_and_8000(int rate)
    {
        Assert.Equal(s_lowLatencyEnglish with { SampleRate = rate }, Apply(Fill("""{"sample_rate":@@}""", rate), s_lowLatencyEnglish));
    }

    [Theory]
    [InlineData("24000")]
    [InlineData("44100")]
    [InlineData("48000")]
    [InlineData("22050")]
    [InlineData("0")]
    [InlineData("-16000")]
    [InlineData("16001")]
    [InlineData("16000.5")]
    [InlineData("1e10")]
    public void Sample_rate_rejects_other_numbers(string value)
    {
        AssertError(Reject(Fill("""{"sample_rate":@@}""", value)), "session.sample_rate", value);
    }

    [Theory]
    [InlineData("\"16000\"")]
    [InlineData("true")]
    [InlineData("[16000]")]
    [InlineData("{}")]
    public void Sample_rate_rejects_non_numbers(string value)
    {
        AssertError(Reject(Fill("""{"sample_rate":@@}""", value)), "session.sample_rate", value.Trim('"'));
    }

    [Fact]
    public void Sample_rate_null_keeps_the_current_rate()
    {
        Assert.Equal(s_lowLatencyEnglish, Apply("""{"sample_rate":null}""", s_lowLatencyEnglish));
    }

    // ---- turn_detection.threshold ----

    [Theory]
    [InlineData("-1", -1.0)]
    [InlineData("1", 1.0)]
    [InlineData("-1.0", -1.0)]
    [InlineData("1.0", 1.0)]
    [InlineData("0", 0.0)]
    [InlineData("0.0", 0.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("-0.75", -0.75)]
    [InlineData("1e-3", 0.001)]
    public void Threshold_accepts_the_closed_range_minus_1_to_1_as_integer_or_float(string value, double expected)
    {
        var merged = Apply(Fill("""{"turn_detection":{"type":"server_vad","threshold":@@}}""", value));

        Assert.Equal(new TurnDetectionSettings(expected, 800), merged.TurnDetection);
    }

    [Theory]
    [InlineData("-1.01", "-1.01")]
    [InlineData("1.01", "1.01")]
    [InlineData("2", "2")]
    [InlineData("-100", "-100")]
    [InlineData("\"0.5\"", "'0.5'")]
    [InlineData("true", "true")]
    [InlineData("[0.5]", "[0.5]")]
    public void Threshold_rejects_values_outside_the_range_and_non_numbers(string value, string shown)
    {
        AssertError(
            Reject(Fill("""{"turn_detection":{"type":"server_vad","threshold":@@}}""", value)),
            "session.turn_detection.threshold",
            shown);
    }

    [Fact]
    public void Threshold_rejects_a_number_too_large_for_a_double()
    {
        AssertError(
            Reject("""{"turn_detection":{"type":"server_vad","threshold":1e400}}"""),
            "session.turn_detection.threshold",
            "1e400");
    }

    [Fact]
    public void Threshold_null_keeps_the_current_threshold()
    {
        Assert.Equal(TurnDetectionSettings.LowLatency, Apply("""{"turn_detection":{"threshold":null}}""", s_lowLatencyEnglish).TurnDetection);
    }

    // ---- turn_detection.silence_duration_ms ----

    [Theory]
    [InlineData("200", 200)]
    [InlineData("6000", 6000)]
    [InlineData("400", 400)]
    [InlineData("400.0", 400)]
    [InlineData("4e2", 400)]
    [InlineData("6000.0", 6000)]
    public void Silence_duration_accepts_whole_milliseconds_from_200_to_6000(string value, int expected)
    {
        var merged = Apply(Fill("""{"turn_detection":{"type":"server_vad","silence_duration_ms":@@}}""", value));

        Assert.Equal(new TurnDetectionSettings(0.2, expected), merged.TurnDetection);
    }

    [Theory]
    [InlineData("199", "199")]
    [InlineData("6001", "6001")]
    [InlineData("400.5", "400.5")]
    [InlineData("199.99", "199.99")]
    [InlineData("0", "0")]
    [InlineData("-400", "-400")]
    [InlineData("1e400", "1e400")]
    [InlineData("\"400\"", "'400'")]
    [InlineData("false", "false")]
    public void Silence_duration_rejects_fractions_values_outside_the_range_and_non_numbers(string value, string shown)
    {
        AssertError(
            Reject(Fill("""{"turn_detection":{"type":"server_vad","silence_duration_ms":@@}}""", value)),
            "session.turn_detection.silence_duration_ms",
            shown);
    }

    // ---- turn_detection ----

    [Fact]
    public void Turn_detection_type_server_vad_is_accepted()
    {
        Assert.Equal(TurnDetectionSettings.Balanced, Apply("""{"turn_detection":{"type":"server_vad"}}""", s_manual).TurnDetection);
    }

    [Theory]
    [InlineData("\"semantic_vad\"", "'semantic_vad'")]
    [InlineData("\"SERVER_VAD\"", "'SERVER_VAD'")]
    [InlineData("\"none\"", "'none'")]
    [InlineData("\"\"", "''")]
    [InlineData("1", "1")]
    public void Turn_detection_type_other_than_server_vad_is_rejected(string type, string shown)
    {
        var error = Reject(Fill("""{"turn_detection":{"type":@@,"threshold":0.5}}""", type));

        AssertError(error, "session.turn_detection.type", shown);
        Assert.Contains("'server_vad'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"server_vad\"")]
    [InlineData("true")]
    [InlineData("[]")]
    [InlineData("400")]
    public void Turn_detection_that_is_not_an_object_or_null_is_rejected(string value)
    {
        Assert.Equal("session.turn_detection", Reject(Fill("""{"turn_detection":@@}""", value)).Param);
    }

    [Fact]
    public void Turn_detection_null_selects_manual_mode()
    {
        var merged = Apply("""{"turn_detection":null}""", s_lowLatencyEnglish);

        Assert.Null(merged.TurnDetection);
        Assert.False(merged.IsServerVad);
        Assert.Equal(s_lowLatencyEnglish with { TurnDetection = null }, merged);
    }

    [Fact]
    public void Absent_turn_detection_keeps_vad_mode_and_its_settings()
    {
        var merged = Apply("""{"input_audio_format":"pcm"}""", s_lowLatencyEnglish);

        Assert.Equal(TurnDetectionSettings.LowLatency, merged.TurnDetection);
        Assert.True(merged.IsServerVad);
    }

    [Fact]
    public void Absent_turn_detection_keeps_manual_mode()
    {
        Assert.Null(Apply("""{"sample_rate":8000}""", s_manual).TurnDetection);
    }

    [Fact]
    public void Turn_detection_object_while_manual_selects_vad_with_the_defaults_merged()
    {
        var merged = Apply("""{"turn_detection":{"type":"server_vad","threshold":0.5}}""", s_manual);

        Assert.Equal(new TurnDetectionSettings(0.5, 800), merged.TurnDetection);
        Assert.True(merged.IsServerVad);
    }

    [Fact]
    public void Empty_turn_detection_object_while_manual_selects_vad_with_the_defaults()
    {
        Assert.Equal(TurnDetectionSettings.Balanced, Apply("""{"turn_detection":{}}""", s_manual).TurnDetection);
    }

    [Fact]
    public void Only_threshold_changes_threshold_and_keeps_silence()
    {
        var merged = Apply("""{"turn_detection":{"threshold":0.3}}""", s_lowLatencyEnglish);

        Assert.Equal(new TurnDetectionSettings(0.3, 400), merged.TurnDetection);
        Assert.Equal(s_lowLatencyEnglish with { TurnDetection = new TurnDetectionSettings(0.3, 400) }, merged);
    }

    [Fact]
    public void Only_silence_changes_silence_and_keeps_threshold()
    {
        var merged = Apply("""{"turn_detection":{"type":"server_vad","silence_duration_ms":1200}}""", s_lowLatencyEnglish);

        Assert.Equal(new TurnDetectionSettings(0.0, 1200), merged.TurnDetection);
    }

    [Fact]
    public void Successive_partial_updates_accumulate()
    {
        var settings = SessionSettings.Default;
        settings = Apply("""{"input_audio_transcription":{"language":"ja"}}""", settings);
        settings = Apply("""{"turn_detection":{"silence_duration_ms":500}}""", settings);
        settings = Apply("""{"sample_rate":8000}""", settings);
        settings = Apply("""{"input_audio_transcription":{"corpus":{"text":"東京"}}}""", settings);

        Assert.Equal(new SessionSettings(AudioFormats.Pcm, 8000, "ja", "東京", new TurnDetectionSettings(0.2, 500)), settings);
    }

    // ---- language ----

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("\"auto\"")]
    [InlineData("\"AUTO\"")]
    public void Language_null_empty_or_auto_means_automatic_detection(string value)
    {
        var merged = Apply(Fill("""{"input_audio_transcription":{"language":@@}}""", value), s_lowLatencyEnglish);

        Assert.Null(merged.Language);
        Assert.Equal(s_lowLatencyEnglish.CorpusText, merged.CorpusText);
    }

    [Theory]
    [InlineData("zh", "zh")]
    [InlineData("yue", "yue")]
    [InlineData("fil", "fil")]
    [InlineData("EN", "en")]
    [InlineData(" de ", "de")]
    public void Language_code_is_stored_trimmed_and_lower_case(string value, string expected)
    {
        Assert.Equal(expected, Apply(Fill("""{"input_audio_transcription":{"language":"@@"}}""", value)).Language);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("[\"en\"]")]
    [InlineData("{\"code\":\"en\"}")]
    public void Language_that_is_not_a_string_is_rejected(string value)
    {
        AssertError(
            Reject(Fill("""{"input_audio_transcription":{"language":@@}}""", value)),
            "session.input_audio_transcription.language",
            value);
    }

    // ---- input_audio_transcription / corpus ----

    [Fact]
    public void Input_audio_transcription_null_resets_language_and_corpus()
    {
        var merged = Apply("""{"input_audio_transcription":null}""", s_lowLatencyEnglish);

        Assert.Equal(s_lowLatencyEnglish with { Language = null, CorpusText = null }, merged);
    }

    [Fact]
    public void Input_audio_transcription_with_only_the_sdk_model_changes_nothing()
    {
        Assert.Equal(s_lowLatencyEnglish, Apply("""{"input_audio_transcription":{"model":null}}""", s_lowLatencyEnglish));
    }

    [Fact]
    public void Absent_language_keeps_it_when_only_the_corpus_changes()
    {
        var merged = Apply("""{"input_audio_transcription":{"corpus":{"text":"Bulge Bracket"}}}""", s_lowLatencyEnglish);

        Assert.Equal(s_lowLatencyEnglish with { CorpusText = "Bulge Bracket" }, merged);
    }

    [Theory]
    [InlineData("""{"corpus":null}""")]
    [InlineData("""{"corpus":{"text":null}}""")]
    [InlineData("""{"corpus":{"text":""}}""")]
    public void Corpus_null_or_empty_clears_the_corpus(string transcription)
    {
        var merged = Apply(Fill("""{"input_audio_transcription":@@}""", transcription), s_lowLatencyEnglish);

        Assert.Null(merged.CorpusText);
        Assert.Equal("en", merged.Language);
    }

    [Fact]
    public void Corpus_without_text_keeps_the_corpus()
    {
        Assert.Equal(s_lowLatencyEnglish, Apply("""{"input_audio_transcription":{"corpus":{}}}""", s_lowLatencyEnglish));
    }

    [Fact]
    public void Corpus_text_of_10000_words_is_accepted()
    {
        var text = Words(SessionSettings.MaxCorpusWords);

        Assert.Equal(text, Apply(Fill("""{"input_audio_transcription":{"corpus":{"text":"@@"}}}""", text)).CorpusText);
    }

    [Fact]
    public void Corpus_text_over_10000_words_is_rejected()
    {
        var error = Reject(Fill("""{"input_audio_transcription":{"corpus":{"text":"@@"}}}""", Words(SessionSettings.MaxCorpusWords + 1)));

        AssertError(error, "session.input_audio_transcription.corpus.text", "10001");
        Assert.Contains("10000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"terms\"", "session.input_audio_transcription.corpus")]
    [InlineData("[\"terms\"]", "session.input_audio_transcription.corpus")]
    [InlineData("{\"text\":5}", "session.input_audio_transcription.corpus.text")]
    [InlineData("{\"text\":[\"a\"]}", "session.input_audio_transcription.corpus.text")]
    public void Corpus_of_the_wrong_shape_is_rejected(string corpus, string param)
    {
        Assert.Equal(param, Reject(Fill("""{"input_audio_transcription":{"corpus":@@}}""", corpus)).Param);
    }

    [Theory]
    [InlineData("\"zh\"")]
    [InlineData("[]")]
    [InlineData("5")]
    public void Input_audio_transcription_that_is_not_an_object_or_null_is_rejected(string value)
    {
        Assert.Equal("session.input_audio_transcription", Reject(Fill("""{"input_audio_transcription":@@}""", value)).Param);
    }

    // ---- legacy top-level language / corpus (Python SDK 1.24.8 – 1.25.1) ----

    [Fact]
    public void Legacy_top_level_language_and_corpus_are_read()
    {
        var merged = Apply("""{"language":"en","corpus":{"text":"Qwen3-ASR, DashScope"}}""");

        Assert.Equal("en", merged.Language);
        Assert.Equal("Qwen3-ASR, DashScope", merged.CorpusText);
    }

    [Fact]
    public void Documented_location_wins_over_the_legacy_top_level_one()
    {
        var merged = Apply("""
            {"language":"en","corpus":{"text":"legacy"},
             "input_audio_transcription":{"language":"zh","corpus":{"text":"documented"}}}
            """);

        Assert.Equal("zh", merged.Language);
        Assert.Equal("documented", merged.CorpusText);
    }

    [Fact]
    public void Legacy_corpus_over_10000_words_is_rejected_with_its_own_path()
    {
        AssertError(
            Reject(Fill("""{"corpus":{"text":"@@"}}""", Words(SessionSettings.MaxCorpusWords + 1))),
            "session.corpus.text",
            "10001");
    }

    [Fact]
    public void Legacy_language_that_is_not_a_string_is_rejected_with_its_own_path()
    {
        Assert.Equal("session.language", Reject("""{"language":1}""").Param);
    }

    // ---- unknown fields ----

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var merged = Apply("""
            {"voice":"Chelsie","output_audio_format":"pcm24","modalities":["text","audio"],"model":"whisper-1",
             "instructions":"Transcribe.","tools":[],"temperature":0.8,"type":"transcription",
             "audio":{"input":{"format":{"type":"pcm","sample_rate":24000}}},
             "input_audio_transcription":{"model":"whisper-1","prompt":"x"},
             "turn_detection":{"type":"server_vad","prefix_padding_ms":300,"create_response":true}}
            """,
            s_lowLatencyEnglish);

        Assert.Equal(s_lowLatencyEnglish, merged);
    }

    [Fact]
    public void Empty_session_changes_nothing()
    {
        Assert.Same(s_lowLatencyEnglish, Apply("{}", s_lowLatencyEnglish));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"pcm\"")]
    public void Session_that_is_not_an_object_is_rejected(string value)
    {
        Assert.Equal("session", Reject(value).Param);
    }

    // ---- strings that are not text (escaped unpaired surrogates) ----

    public static TheoryData<string, string> FieldsReadAsStrings => new()
    {
        { """{"input_audio_format":"@@"}""", "session.input_audio_format" },
        { """{"input_audio_transcription":{"language":"@@"}}""", "session.input_audio_transcription.language" },
        { """{"input_audio_transcription":{"corpus":{"text":"@@"}}}""", "session.input_audio_transcription.corpus.text" },
        { """{"language":"@@"}""", "session.language" },
        { """{"corpus":{"text":"@@"}}""", "session.corpus.text" },
        { """{"turn_detection":{"type":"@@"}}""", "session.turn_detection.type" },
        // Fields that must be numbers, where the message shows the value sent.
        { """{"sample_rate":"@@"}""", "session.sample_rate" },
        { """{"turn_detection":{"threshold":"@@"}}""", "session.turn_detection.threshold" },
        { """{"turn_detection":{"silence_duration_ms":"@@"}}""", "session.turn_detection.silence_duration_ms" },
    };

    [Theory]
    [MemberData(nameof(FieldsReadAsStrings))]
    public void A_string_that_is_not_text_is_refused_naming_its_field_without_echoing_it(string template, string param)
    {
        foreach (var bad in BadJsonText.Escapes)
        {
            var error = Reject(Fill(template, bad), s_lowLatencyEnglish);

            Assert.Equal(param, error.Param);
            Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
            Assert.True(BadJsonText.IsValidText(error.Message));
        }
    }

    [Theory]
    [InlineData("""{"voice":"@@","instructions":"@@","modalities":["@@"],"model":"@@"}""")]
    [InlineData("""{"input_audio_transcription":{"model":"@@","prompt":"@@"}}""")]
    [InlineData("""{"turn_detection":{"type":"server_vad","create_response":"@@"}}""")]
    [InlineData("""{"audio":{"input":{"format":{"type":"@@"}}}}""")]
    public void Ignored_fields_may_hold_strings_that_are_not_text(string template)
    {
        foreach (var bad in BadJsonText.Escapes)
        {
            Assert.Equal(s_lowLatencyEnglish, Apply(Fill(template, bad), s_lowLatencyEnglish));
        }
    }

    [Theory]
    [InlineData("""{"@@":"pcm","sample_rate":16000}""")]
    [InlineData("""{"input_audio_format@@":"pcm","sample_rate":16000}""")]
    [InlineData("""{"sample_rate":16000,"input_audio_transcription":{"language@@":"ja","l@@":1}}""")]
    [InlineData("""{"sample_rate":16000,"turn_detection@@":null}""")]
    public void Property_names_that_are_not_text_match_no_field(string template)
    {
        foreach (var bad in BadJsonText.Escapes)
        {
            Assert.Equal(s_lowLatencyEnglish with { SampleRate = 16000 }, Apply(Fill(template, bad), s_lowLatencyEnglish));
        }
    }

    [Fact]
    public void Escaped_text_that_is_valid_is_read_like_any_other()
    {
        var merged = Apply("""
            {"input_audio_format":"p\u0063m","input_audio_transcription":{"l\u0061nguage":"\u0045N","corpus":{"text":"caf\u00e9 \ud83d\ude00"}},
             "turn_detection":{"type":"server\u005fvad"}}
            """);

        Assert.Equal(new SessionSettings(AudioFormats.Pcm, 16000, "en", "café \ud83d\ude00", TurnDetectionSettings.Balanced), merged);
    }

    // ---- atomicity ----

    [Theory]
    [InlineData("""{"input_audio_format":"opus","sample_rate":44100}""")]
    [InlineData("""{"sample_rate":8000,"input_audio_transcription":{"language":"ja"},"turn_detection":{"threshold":5}}""")]
    [InlineData("""{"input_audio_transcription":null,"turn_detection":{"type":"semantic_vad"}}""")]
    [InlineData("""{"turn_detection":null,"input_audio_format":"mp3"}""")]
    [InlineData("""{"language":"ja","input_audio_transcription":{"corpus":{"text":5}}}""")]
    [InlineData("""{"turn_detection":{"threshold":0.9,"silence_duration_ms":100}}""")]
    public void An_invalid_update_changes_nothing(string session)
    {
        using var document = JsonDocument.Parse(session);

        var error = SessionUpdateMerger.TryApply(s_lowLatencyEnglish, document.RootElement, out var merged);

        Assert.NotNull(error);
        Assert.Same(s_lowLatencyEnglish, merged);
        Assert.Equal(new SessionSettings(AudioFormats.Opus, 8000, "en", "Qwen, DashScope", TurnDetectionSettings.LowLatency), s_lowLatencyEnglish);
    }

    // ---- the protocol.md examples ----

    public static TheoryData<string, SessionSettings> ExampleSettings => new()
    {
        // No corpus in the update: the current one is kept.
        { "client.session.update.documented.json", new("pcm", 16000, "zh", "Qwen, DashScope", new TurnDetectionSettings(0.0, 400)) },
        { "client.session.update.manual.json", new("pcm", 16000, "zh", "Bulge Bracket, Boutique, Middle Market", null) },
        { "client.session.update.python-sdk.json", new("pcm", 16000, "zh", "Qwen3-ASR, DashScope, Model Studio, Bailian", new TurnDetectionSettings(0.2, 800)) },
        { "client.session.update.java-sdk.json", new("pcm", 16000, "zh", "Qwen3-ASR, DashScope, Model Studio, Bailian", new TurnDetectionSettings(0.0, 400)) },
        // The nested "audio" form is ignored: format and rate stay as they were (here: opus, 8000).
        { "client.session.update.java-sdk-nested-audio.json", new("opus", 8000, "zh", "Qwen3-ASR, DashScope, Model Studio, Bailian", new TurnDetectionSettings(0.0, 400)) },
        // pcm16 is pcm, {"model": null} keeps language and corpus, and the absent sample_rate keeps 8000.
        { "client.session.update.python-sdk-no-transcription-params.json", new("pcm", 8000, "en", "Qwen, DashScope", new TurnDetectionSettings(0.2, 800)) },
        { "client.session.update.python-sdk-transcription-disabled.json", new("pcm", 8000, null, null, null) },
        { "client.session.update.python-sdk-1.25.2-language-null.json", new("pcm", 16000, null, "Qwen3-ASR, DashScope", new TurnDetectionSettings(0.2, 800)) },
        { "client.session.update.python-sdk-legacy-top-level.json", new("pcm", 8000, "en", "Qwen3-ASR, DashScope", new TurnDetectionSettings(0.0, 400)) },
    };

    [Theory]
    [MemberData(nameof(ExampleSettings))]
    public void Session_update_examples_merge_into_the_expected_settings(string file, SessionSettings expected)
    {
        using var document = JsonDocument.Parse(Examples.ReadBytes(file));

        var error = SessionUpdateMerger.TryApply(s_lowLatencyEnglish, document.RootElement.GetProperty("session"), out var merged);

        Assert.Null(error);
        Assert.Equal(expected, merged);
    }

    private static SessionSettings Apply(string session, SessionSettings? current = null)
    {
        using var document = JsonDocument.Parse(session);
        var error = SessionUpdateMerger.TryApply(current ?? SessionSettings.Default, document.RootElement, out var merged);
        Assert.Null(error);
        return merged;
    }

    private static SettingsError Reject(string session, SessionSettings? current = null)
    {
        current ??= SessionSettings.Default;
        using var document = JsonDocument.Parse(session);
        var error = SessionUpdateMerger.TryApply(current, document.RootElement, out var merged);
        Assert.NotNull(error);
        Assert.Same(current, merged);
        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private static void AssertError(SettingsError error, string param, string offendingValue)
    {
        Assert.Equal(param, error.Param);
        Assert.Equal(ErrorCodes.InvalidValue, error.Code);
        Assert.Contains(offendingValue, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The JSON <paramref name="template"/> with <c>@@</c> replaced by <paramref name="value"/>.</summary>
    private static string Fill(string template, object value) =>
        template.Replace("@@", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"w{i}"));
}
