namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>One MQTT publish to the hub: a single event or a batch of them.</summary>
internal sealed record OutboundMessage(string Topic, byte[] Payload, IReadOnlyList<string> EventIds);
