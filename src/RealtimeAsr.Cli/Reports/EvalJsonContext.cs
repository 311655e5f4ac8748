using System.Text.Json.Serialization;

namespace RealtimeAsr.Cli.Reports;

/// <summary>Source-generated System.Text.Json metadata for the eval report (snake_case, indented, nulls written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EvalReport))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
