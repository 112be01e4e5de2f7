using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Operators;

/// <summary>The operators file (<c>operators.json</c>): web naming (camelCase, case-insensitive on read), indented for the admin who reads it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(List<OperatorAccount>))]
internal sealed partial class OperatorFileJsonContext : JsonSerializerContext;
