using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealtimeAsr.Protocol.Tests.Support;

internal static class JsonAssert
{
    private static readonly JsonSerializerOptions s_readable = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Asserts two JSON texts are the same document: property order is ignored (both sides are sorted) and numbers are
    /// compared by value (<c>0.0</c> equals <c>0</c>), then <see cref="JsonNode.DeepEquals"/> decides.
    /// </summary>
    public static void SemanticallyEqual(JsonNode? expected, string actualJson)
    {
        var actual = JsonNode.Parse(actualJson);
        var left = Normalise(expected);
        var right = Normalise(actual);
        Assert.True(
            JsonNode.DeepEquals(left, right),
            $"JSON differs.{Environment.NewLine}Expected: {Show(left)}{Environment.NewLine}Actual:   {Show(right)}");
    }

    public static void SemanticallyEqual(string expectedJson, string actualJson) =>
        SemanticallyEqual(JsonNode.Parse(expectedJson), actualJson);

    /// <summary>A copy with object properties sorted by name and numbers rewritten as doubles.</summary>
    public static JsonNode? Normalise(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj
            .OrderBy(property => property.Key, StringComparer.Ordinal)
            .Select(property => KeyValuePair.Create(property.Key, Normalise(property.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalise)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            JsonValue.Create(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => node.DeepClone(),
    };

    /// <summary>The property names of a JSON object, in document order.</summary>
    public static IReadOnlyList<string> PropertyNames(JsonNode? node) =>
        [.. Assert.IsType<JsonObject>(node).Select(property => property.Key)];

    private static string Show(JsonNode? node) => node?.ToJsonString(s_readable) ?? "null";
}
