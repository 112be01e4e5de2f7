using System.Text.Json;

namespace EdgeGateway.TestInfra.IoTHub;

/// <summary>One device-to-cloud message as the emulated hub received it.</summary>
public sealed record ReceivedTelemetry(string DeviceId, string Topic, IReadOnlyDictionary<string, string> Properties, byte[] Body, bool Retain)
{
    public string? MessageId => Properties.GetValueOrDefault("$.mid");

    /// <summary>The event ids inside: one for a single event, many for a batch (JSON array).</summary>
    public IReadOnlyList<string> EventIds
    {
        get
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray()
                : [doc.RootElement.GetProperty("id").GetString()!];
        }
    }
}
