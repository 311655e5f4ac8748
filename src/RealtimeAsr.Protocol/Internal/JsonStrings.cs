using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RealtimeAsr.Protocol;

/// <summary>
/// Reads the strings of untrusted JSON (property names and values) without exceptions. <see cref="Utf8JsonReader"/>
/// and <see cref="JsonDocument"/> check a string's syntax when they parse it but decode it only when asked, and then
/// throw <see cref="InvalidOperationException"/> — not <see cref="JsonException"/> — for an escaped unpaired UTF-16
/// surrogate (<c>"\udc00"</c>, <c>"\ud800x"</c>, a reversed pair) or invalid UTF-8. Every decoding member does:
/// <c>GetString</c>, <c>ValueTextEquals</c>, <c>TryGetProperty</c>, <c>ValueEquals</c>, <c>NameEquals</c>,
/// <c>TryGetBytesFromBase64</c>. Here such a string is simply not text: the <c>TryGet…</c> methods return
/// <see langword="false"/>, and it equals nothing.
/// Shared source: the server's session library (RealtimeAsr.Sessions) compiles this file too, so it is not public API
/// of the protocol package.
/// </summary>
internal static class JsonStrings
{
    private const int StackBufferBytes = 256;

    // The most raw JSON bytes one unescaped UTF-8 byte can take: "\u0000" is six bytes for one.
    private const int MaxEscapedBytesPerByte = 6;

    /// <summary>The current string value or property name of <paramref name="reader"/>, if it is valid Unicode.</summary>
    /// <returns><see langword="false"/> when the token is not a string or property name, or is not valid text.</returns>
    public static bool TryGetString(ref readonly Utf8JsonReader reader, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
            && TryDecode(RawValue(in reader), out value);
    }

    /// <summary>
    /// Whether the current string value or property name of <paramref name="reader"/> is exactly
    /// <paramref name="utf8Text"/> once unescaped; <see langword="false"/> for a string that is not valid text.
    /// </summary>
    public static bool ValueTextEquals(ref readonly Utf8JsonReader reader, ReadOnlySpan<byte> utf8Text)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return false;
        }

        return !reader.ValueIsEscaped && !reader.HasValueSequence
            ? reader.ValueSpan.SequenceEqual(utf8Text)
            : RawEquals(RawValue(in reader), utf8Text);
    }

    /// <summary>The value of a <see cref="JsonValueKind.String"/> element, if it is valid Unicode.</summary>
    /// <returns><see langword="false"/> when <paramref name="element"/> is not a string, or is not valid text.</returns>
    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return element.ValueKind == JsonValueKind.String && TryDecode(RawString(element), out value);
    }

    /// <summary>Whether <paramref name="element"/> is a string equal to <paramref name="utf8Text"/> once unescaped.</summary>
    public static bool ValueEquals(JsonElement element, ReadOnlySpan<byte> utf8Text) =>
        element.ValueKind == JsonValueKind.String && RawEquals(RawString(element), utf8Text);

    /// <summary>
    /// Looks up a property of an object by its unescaped name, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
    /// does (the last of duplicate names wins), but never throws: a property whose name is not valid text matches nothing.
    /// </summary>
    /// <returns><see langword="false"/> when <paramref name="element"/> is not an object or has no such property.</returns>
    public static bool TryGetProperty(JsonElement element, ReadOnlySpan<byte> utf8Name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var found = false;
        foreach (var property in element.EnumerateObject())
        {
            if (RawEquals(JsonMarshal.GetRawUtf8PropertyName(property), utf8Name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>
    /// Unescapes the raw UTF-8 text of a JSON string (between its quotes) into <paramref name="destination"/>, which must
    /// be at least as long as <paramref name="source"/> (unescaping never lengthens).
    /// </summary>
    /// <returns><see langword="false"/> when the result would not be valid UTF-8: an unpaired surrogate escape, invalid UTF-8, or a malformed escape.</returns>
    public static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination must be at least as long as the source.", nameof(destination));
        }

        written = 0;
        while (true)
        {
            var backslash = source.IndexOf((byte)'\\');
            var run = backslash < 0 ? source : source[..backslash];
            run.CopyTo(destination[written..]);
            written += run.Length;
            if (backslash < 0)
            {
                return Utf8.IsValid(destination[..written]);
            }

            source = source[backslash..];
            if (source.Length < 2)
            {
                return false;
            }

            var escaped = source[1];
            if (escaped != (byte)'u')
            {
                byte? simple = escaped switch
                {
                    (byte)'"' or (byte)'\\' or (byte)'/' => escaped,
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => null,
                };
                if (simple is not { } b)
                {
                    return false;
                }

                destination[written++] = b;
                source = source[2..];
                continue;
            }

            if (!TryReadUtf16Escape(ref source, out var unit) || char.IsLowSurrogate(unit))
            {
                return false;
            }

            var scalar = (int)unit;
            if (char.IsHighSurrogate(unit))
            {
                if (!TryReadUtf16Escape(ref source, out var low) || !char.IsLowSurrogate(low))
                {
                    return false;
                }

                scalar = char.ConvertToUtf32(unit, low);
            }

            written += new Rune(scalar).EncodeToUtf8(destination[written..]);
        }
    }

    // Reads "\uXXXX" from the start of source and moves past it.
    private static bool TryReadUtf16Escape(ref ReadOnlySpan<byte> source, out char unit)
    {
        unit = default;
        if (source.Length < 6 || source[0] != (byte)'\\' || source[1] != (byte)'u'
            || !ushort.TryParse(source.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        source = source[6..];
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (raw.IndexOf((byte)'\\') < 0)
        {
            if (!Utf8.IsValid(raw))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(raw);
            return true;
        }

        byte[]? rented = null;
        var buffer = raw.Length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            if (!TryUnescape(raw, buffer, out var written))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(buffer[..written]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool RawEquals(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> utf8Text)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return raw.SequenceEqual(utf8Text);
        }

        // Unescaping shortens: only a raw text between the two lengths can be equal.
        if (raw.Length < utf8Text.Length || raw.Length > (long)utf8Text.Length * MaxEscapedBytesPerByte)
        {
            return false;
        }

        byte[]? rented = null;
        var buffer = raw.Length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            return TryUnescape(raw, buffer, out var written) && buffer[..written].SequenceEqual(utf8Text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static ReadOnlySpan<byte> RawValue(ref readonly Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;

    // A string element's raw value includes its quotes.
    private static ReadOnlySpan<byte> RawString(JsonElement element) => JsonMarshal.GetRawUtf8Value(element)[1..^1];
}
