using System.Text.Json;

namespace EdgeGateway.Contracts.Commands;

/// <summary>
/// A string as a JSON string literal, escaped exactly as <c>JsonSerializer.Serialize(string)</c> does (the default
/// encoder) but without the reflection-based serializer, which a NativeAOT build cannot run for every type.
/// </summary>
public static class JsonString
{
    public static string Quote(string value) => "\"" + JsonEncodedText.Encode(value).Value + "\"";
}
