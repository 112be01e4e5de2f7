using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Core.Supervision;

namespace EdgeGateway.Storage;

/// <summary><c>supervision.json</c>: web naming (camelCase, case-insensitive on read), source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<SupervisedDevice>))]
[JsonSerializable(typeof(IReadOnlyList<SupervisedDevice>))]
internal sealed partial class SupervisionStateJsonContext : JsonSerializerContext;
