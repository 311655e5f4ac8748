using System.Text;
using System.Text.Json;
using RealtimeAsr.Protocol.Tests.Support;

namespace RealtimeAsr.Protocol.Tests;

/// <summary>Strings of untrusted JSON are read like System.Text.Json reads them, except that invalid text never throws.</summary>
public sealed class JsonStringsTests
{
    public static TheoryData<string> Bad => [.. BadJsonText.Escapes];

    public static TheoryData<string, string> Good => new()
    {
        { "plain", "plain" },
        { "", "" },
        { "中文 été", "中文 été" },
        { @"\u0074ype", "type" },
        { @"\ud83d\ude00", "\ud83d\ude00" },
        { @"\uD83D\uDE00", "\ud83d\ude00" },
        { @"\u00e9t\u00E9", "été" },
        { @"a\/b\\c\""d\te\r\n\b\f", "a/b\\c\"d\te\r\n\b\f" },
        { @"\u0000", "\0" },
        { new string('x', 300) + @"\u00e9", new string('x', 300) + "é" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void System_Text_Json_throws_InvalidOperationException_on_these_strings(string content)
    {
        // The reason for JsonStrings: the parser accepts these, then every decoding member throws.
        var json = Encoding.UTF8.GetBytes($$"""{"{{content}}":"{{content}}"}""");
        using var document = JsonDocument.Parse(json);
        var property = document.RootElement.EnumerateObject().Single();

        Assert.Throws<InvalidOperationException>(() => property.Value.GetString());
        Assert.Throws<InvalidOperationException>(() => property.Name);
        Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            reader.Read();
            return reader.ValueTextEquals("type"u8);
        });
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void Unpaired_surrogate_escapes_are_not_text_and_equal_nothing(string content)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"{{content}}":"{{content}}"}""");
        using var document = JsonDocument.Parse(json);
        var property = document.RootElement.EnumerateObject().Single();

        Assert.False(JsonStrings.TryGetString(property.Value, out var value));
        Assert.Null(value);
        Assert.False(JsonStrings.ValueEquals(property.Value, "x"u8));
        Assert.False(JsonStrings.TryGetProperty(document.RootElement, "x"u8, out _));

        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        Assert.False(JsonStrings.TryGetString(in reader, out _));
        Assert.False(JsonStrings.ValueTextEquals(in reader, "type"u8));
        reader.Read();
        Assert.False(JsonStrings.TryGetString(in reader, out _));
        Assert.False(JsonStrings.ValueTextEquals(in reader, Encoding.UTF8.GetBytes(content)));
    }

    [Theory]
    [MemberData(nameof(Good))]
    public void Valid_strings_read_as_System_Text_Json_reads_them(string content, string expected)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"{{content}}":"{{content}}"}""");
        using var document = JsonDocument.Parse(json);
        var property = document.RootElement.EnumerateObject().Single();
        Assert.Equal(expected, property.Value.GetString());

        Assert.True(JsonStrings.TryGetString(property.Value, out var value));
        Assert.Equal(expected, value);
        Assert.True(JsonStrings.ValueEquals(property.Value, Encoding.UTF8.GetBytes(expected)));
        Assert.True(JsonStrings.TryGetProperty(document.RootElement, Encoding.UTF8.GetBytes(expected), out var found));
        Assert.Equal(JsonValueKind.String, found.ValueKind);

        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        Assert.True(JsonStrings.TryGetString(in reader, out var name));
        Assert.Equal(expected, name);
        Assert.True(JsonStrings.ValueTextEquals(in reader, Encoding.UTF8.GetBytes(expected)));
        Assert.False(JsonStrings.ValueTextEquals(in reader, Encoding.UTF8.GetBytes(expected + "x")));
    }

    [Fact]
    public void Invalid_utf8_is_not_text()
    {
        byte[] json = [.. "{\"a\":\""u8, 0xFF, .. "\",\""u8, 0xED, 0xA0, 0x80, .. "\\u0041\":1}"u8];
        using var document = JsonDocument.Parse(json);

        Assert.False(JsonStrings.TryGetString(document.RootElement.GetProperty("a"), out _));
        Assert.False(JsonStrings.TryGetProperty(document.RootElement, "A"u8, out _));
        Assert.True(JsonStrings.TryGetProperty(document.RootElement, "a"u8, out _));
    }

    [Fact]
    public void The_last_of_duplicate_properties_wins_as_in_System_Text_Json()
    {
        using var document = JsonDocument.Parse("""{"a":1,"\u0061":2,"b":3}""");

        Assert.True(JsonStrings.TryGetProperty(document.RootElement, "a"u8, out var value));
        Assert.Equal(2, value.GetInt32());
        Assert.Equal(document.RootElement.GetProperty("a").GetInt32(), value.GetInt32());
        Assert.False(JsonStrings.TryGetProperty(document.RootElement, "c"u8, out _));
        Assert.False(JsonStrings.TryGetProperty(document.RootElement.GetProperty("b"), "a"u8, out _));
    }

    [Fact]
    public void Values_read_from_a_multi_segment_sequence_are_unescaped_too()
    {
        var json = """["ab\u00e9cd","x\udc00"]"""u8.ToArray();
        var first = new Segment(json.AsMemory(0, 5));
        var last = first.Append(json.AsMemory(5));
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        reader.Read();
        reader.Read();

        Assert.True(JsonStrings.TryGetString(in reader, out var value));
        Assert.Equal("abécd", value);
        reader.Read();
        Assert.False(JsonStrings.TryGetString(in reader, out _));
    }

    [Theory]
    [InlineData(@"\x")]
    [InlineData(@"\")]
    [InlineData(@"\u12")]
    [InlineData(@"\u12G4")]
    public void Malformed_escapes_are_not_unescaped(string raw)
    {
        var source = Encoding.UTF8.GetBytes(raw);

        Assert.False(JsonStrings.TryUnescape(source, new byte[source.Length], out _));
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
