using System.Text.Json.Serialization;

namespace EdgeGateway.Patrols.Reports;

/// <summary>The report as JSON (snake_case, indented), the same for the CLI and the console's JSON API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PatrolReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
