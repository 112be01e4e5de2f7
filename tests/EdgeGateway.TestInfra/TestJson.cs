using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeGateway.TestInfra;

/// <summary>
/// Reflection JSON for the tests' own requests and parsing. Test hosts run with reflection JSON off by default
/// (Directory.Build.props), as the NativeAOT gateway does, so that a type missing from a source-generated context fails a
/// test; code of the tests themselves opts back in here, explicitly.
/// </summary>
public static class TestJson
{
    /// <summary>Web defaults (camelCase), resolved by reflection.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
