using System.Text.Json.Serialization;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.Supervision;

namespace EdgeGateway.Core.Events;

/// <summary>
/// Source-generated JSON for what Core writes: gateway event payloads, command bodies and replies. Names are camelCase
/// (<c>battery_mv</c> and <c>P0</c>..<c>P3</c> as attributed), nulls are written. No reflection: the NativeAOT build has
/// none to fall back on, and every build runs with reflection-based JSON switched off, so the tests take this path too.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AckCommandBody))]
[JsonSerializable(typeof(DeviceActionBody))]
[JsonSerializable(typeof(AckReply))]
[JsonSerializable(typeof(DeviceActionReply))]
[JsonSerializable(typeof(StatusReply))]
[JsonSerializable(typeof(AlarmAckData))]
[JsonSerializable(typeof(CommandDeliveredData))]
[JsonSerializable(typeof(UplinkRestoredData))]
[JsonSerializable(typeof(DeviceOfflineData))]
[JsonSerializable(typeof(DeviceOnlineData))]
[JsonSerializable(typeof(GatewayStatusData))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
