using System.Text;

namespace RealtimeAsr.Protocol.Tests.Support;

/// <summary>
/// Random, valid client events as small JSON trees whose strings (values and property names) can be replaced one at a
/// time by text that is not valid Unicode (<see cref="BadJsonText"/>), for property tests of everything that reads
/// client strings. Shared with the session tests (linked source).
/// </summary>
internal static class RandomClientEvents
{
    /// <summary>A JSON value: an object, a string (written as JSON string content), or any other raw JSON.</summary>
    public abstract record Node;

    public sealed record Obj(IReadOnlyList<(string Key, Node Value)> Members) : Node;

    /// <summary>A string; <paramref name="Param"/> is the <c>error.param</c> expected when it is not text, null where it is ignored.</summary>
    public sealed record Str(string Json, string? Param = null) : Node;

    public sealed record Raw(string Json) : Node;

    /// <summary>What became of the string picked for corruption.</summary>
    /// <param name="Param">For a value: its expected <c>error.param</c>, or null when the field is ignored.</param>
    /// <param name="IsKey">A property name was corrupted: the property then matches nothing, as if absent.</param>
    /// <param name="Path">The property names down to it, for messages.</param>
    public sealed record Corruption(string? Param, bool IsKey, string Path);

    /// <summary>A random <c>session</c> object of a <c>session.update</c> that the merger accepts, with SDK extras.</summary>
    public static Obj Session(Random random)
    {
        var members = new List<(string, Node)>();
        void Maybe(string key, Func<Node> value)
        {
            if (random.Next(3) != 0)
            {
                members.Add((key, value()));
            }
        }

        Maybe("input_audio_format", () => new Str(Pick(random, "pcm", "pcm16", "opus"), "session.input_audio_format"));
        Maybe("sample_rate", () => new Raw(Pick(random, "16000", "8000")));
        Maybe("modalities", () => new Raw("""["text"]"""));
        Maybe("voice", () => new Str(Pick(random, "Cherry", "Chelsie")));
        Maybe("instructions", () => new Str("Transcribe."));
        Maybe("language", () => new Str(Pick(random, "en", "auto", "", "en-US", @"\u0065n"), "session.language"));
        Maybe("corpus", () => new Obj([("text", new Str(Pick(random, "Qwen, DashScope", @"caf\u00e9 \ud83d\ude00", ""), "session.corpus.text"))]));
        Maybe("input_audio_transcription", () =>
        {
            var transcription = new List<(string, Node)>();
            if (random.Next(2) == 0)
            {
                transcription.Add(("model", new Str("qwen3-asr-flash-realtime")));
            }

            if (random.Next(2) == 0)
            {
                transcription.Add(("prompt", new Str("Technical terms.")));
            }

            if (random.Next(3) != 0)
            {
                transcription.Add(("language", new Str(Pick(random, "en", "auto", "EN_us"), "session.input_audio_transcription.language")));
            }

            if (random.Next(2) == 0)
            {
                transcription.Add(("corpus", new Obj([("text", new Str(Pick(random, "Bulge Bracket", @"\u4e2d\u6587"), "session.input_audio_transcription.corpus.text"))])));
            }

            return Shuffle(random, transcription);
        });
        Maybe("turn_detection", () =>
        {
            if (random.Next(4) == 0)
            {
                return new Raw("null");
            }

            var turn = new List<(string, Node)>();
            if (random.Next(2) == 0)
            {
                turn.Add(("type", new Str(Pick(random, "server_vad", @"server\u005fvad"), "session.turn_detection.type")));
            }

            if (random.Next(2) == 0)
            {
                turn.Add(("threshold", new Raw(Pick(random, "0.2", "-1", "0"))));
            }

            if (random.Next(2) == 0)
            {
                turn.Add(("silence_duration_ms", new Raw(Pick(random, "400", "800.0"))));
            }

            if (random.Next(2) == 0)
            {
                turn.Add(("prefix_padding_ms", new Raw("300")));
            }

            return Shuffle(random, turn);
        });
        return Shuffle(random, members);
    }

    /// <summary>
    /// A random client event of every kind, with its top-level strings marked: <c>type</c> and <c>event_id</c> are
    /// refused as <c>invalid_value</c>, bad <c>audio</c> text is not base64.
    /// </summary>
    public static Obj Event(Random random)
    {
        var members = new List<(string, Node)>();
        var type = Pick(random, "session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear", "session.finish");
        members.Add(("type", new Str(type, "type")));
        if (random.Next(4) != 0)
        {
            members.Add(("event_id", new Str("event_" + random.Next(1000), "event_id")));
        }

        switch (type)
        {
            case "session.update":
                members.Add(("session", Session(random)));
                break;
            case "input_audio_buffer.append":
                members.Add(("audio", new Str(Pick(random, "AQID", "AAAA", @"\u0041QID", @"+\/8APg=="), "audio")));
                break;
        }

        if (random.Next(2) == 0)
        {
            members.Add(("extra", new Obj([("type", new Str("session.finish")), ("event_id", new Str("nested"))])));
        }

        return Shuffle(random, members);
    }

    /// <summary>Counts the strings of <paramref name="node"/> (values and property names) that can be corrupted.</summary>
    public static int CountStrings(Node node) => node switch
    {
        Obj obj => obj.Members.Sum(m => 1 + CountStrings(m.Value)),
        Str => 1,
        _ => 0,
    };

    /// <summary>
    /// Writes <paramref name="node"/> as JSON with its <paramref name="target"/>-th string (in document order) replaced by
    /// <paramref name="bad"/>; or, when <paramref name="bad"/> is null, with that string left alone except that a
    /// property name target drops its property (what a name that matches nothing amounts to).
    /// </summary>
    public static string Write(Node node, int target, string? bad, out Corruption corruption)
    {
        var json = new StringBuilder();
        var index = 0;
        Corruption? found = null;
        WriteNode(node, json, "", target, bad, ref index, ref found);
        corruption = found ?? throw new ArgumentOutOfRangeException(nameof(target));
        return json.ToString();
    }

    /// <summary>Writes <paramref name="node"/> as JSON, unchanged.</summary>
    public static string Write(Node node)
    {
        var json = new StringBuilder();
        var index = 0;
        Corruption? found = null;
        WriteNode(node, json, "", -1, null, ref index, ref found);
        return json.ToString();
    }

    private static void WriteNode(Node node, StringBuilder json, string path, int target, string? bad, ref int index, ref Corruption? found)
    {
        switch (node)
        {
            case Obj obj:
                json.Append('{');
                var first = true;
                foreach (var (key, value) in obj.Members)
                {
                    var memberPath = path.Length == 0 ? key : $"{path}.{key}";
                    var isTarget = index++ == target;
                    if (isTarget)
                    {
                        found = new Corruption(null, IsKey: true, memberPath);
                        if (bad is null)
                        {
                            // Skip the property, but keep counting its strings so that indices stay the same.
                            index += CountStrings(value);
                            continue;
                        }
                    }

                    json.Append(first ? "" : ",").Append('"').Append(isTarget ? bad : key).Append("\":");
                    first = false;
                    WriteNode(value, json, memberPath, target, bad, ref index, ref found);
                }

                json.Append('}');
                break;
            case Str str:
                var corrupt = index++ == target;
                if (corrupt)
                {
                    found = new Corruption(str.Param, IsKey: false, path);
                }

                json.Append('"').Append(corrupt && bad is not null ? bad : str.Json).Append('"');
                break;
            case Raw raw:
                json.Append(raw.Json);
                break;
        }
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    private static Obj Shuffle(Random random, List<(string, Node)> members)
    {
        var array = members.ToArray();
        random.Shuffle(array);
        return new Obj(array);
    }
}
