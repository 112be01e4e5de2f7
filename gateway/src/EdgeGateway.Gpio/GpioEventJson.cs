using System.Text.Json.Serialization;

namespace EdgeGateway.Gpio;

/// <summary>The <c>gateway_tamper</c> gateway event: the enclosure is <c>open</c> or <c>closed</c>.</summary>
internal sealed record TamperData(string State);

/// <summary>The <c>test</c> gateway event a self-test sends upstream: who started it, how long the siren chirped, which LEDs lit.</summary>
internal sealed record SelfTestData(string Source, long SirenMs, IReadOnlyList<string> Leds);

/// <summary>Source-generated JSON for the board's gateway events (camelCase, as every gateway event's data).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TamperData))]
[JsonSerializable(typeof(SelfTestData))]
internal sealed partial class GpioJsonContext : JsonSerializerContext;
