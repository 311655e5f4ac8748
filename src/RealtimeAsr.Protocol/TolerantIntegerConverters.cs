using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeAsr.Protocol;

/// <summary>
/// Reading converters for integer fields of server events that accept what a JSON producer in another language may
/// write for an integer: an integral float (<c>16000.0</c>) or a number in a string (<c>"16000"</c>). A fraction or an
/// out-of-range value still fails. Writing stays strict: a plain JSON integer.
/// </summary>
internal static class TolerantIntegerConverters
{
    /// <summary>For <see cref="int"/> (and <c>int?</c>, which System.Text.Json wraps around it).</summary>
    internal sealed class Int32 : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = ReadIntegral(ref reader);
            return value is >= int.MinValue and <= int.MaxValue
                ? (int)value
                : throw new JsonException($"{value} is outside the range of a 32-bit integer.");
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>For <see cref="long"/> (and <c>long?</c>).</summary>
    internal sealed class Int64 : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadIntegral(ref reader);

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private static long ReadIntegral(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var integer))
            {
                return integer;
            }

            return FromDouble(reader.GetDouble());
        }

        if (reader.TokenType == JsonTokenType.String && JsonStrings.TryGetString(in reader, out var text))
        {
            var trimmed = text.Trim();
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return FromDouble(real);
            }
        }

        throw new JsonException($"Expected an integer, got {reader.TokenType}.");
    }

    private static long FromDouble(double value)
    {
        // 2^63 is exactly representable as a double; anything at or beyond it overflows a long.
        const double Limit = 9223372036854775808.0;
        if (double.IsFinite(value) && Math.Floor(value) == value && value >= -Limit && value < Limit)
        {
            return (long)value;
        }

        throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"{value} is not an integer."));
    }
}
