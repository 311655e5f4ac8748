using System.Text.Json.Serialization;

namespace RealtimeAsr.Benchmarks.Reporting;

/// <summary>Source-generated JSON for <c>--json</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchmarkReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
