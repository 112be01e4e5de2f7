using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Patrols.Config.Dto;

/// <summary>Reads <c>patrols.json</c>: camelCase names, comments and trailing commas allowed, unknown properties refused.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(PlanDto))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
