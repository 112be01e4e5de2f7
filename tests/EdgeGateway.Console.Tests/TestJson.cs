using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeGateway.Console.Tests;

/// <summary>
/// Reflection JSON for the tests' own requests and parsing. This project runs with reflection JSON off by default, as
/// the NativeAOT build does, so that a console type missing from its source-generated context fails a test; code of
/// the tests themselves opts back in here, explicitly.
/// </summary>
internal static class TestJson
{
    /// <summary>Web defaults (camelCase), resolved by reflection.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
