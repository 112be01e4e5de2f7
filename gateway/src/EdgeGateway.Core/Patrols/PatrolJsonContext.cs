using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Patrols;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PatrolReport))]
[JsonSerializable(typeof(PatrolActivity))]
internal sealed partial class PatrolJsonContext : JsonSerializerContext;
