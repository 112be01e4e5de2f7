using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Supervision;

/// <summary>The <c>device_offline</c> gateway event (G8).</summary>
internal sealed record DeviceOfflineData(
    string Device, string DeviceType, long LastSeen, [property: JsonPropertyName("battery_mv")] int? BatteryMv, long SilentSeconds);

/// <summary>The <c>device_online</c> gateway event: a device that was offline is heard again.</summary>
internal sealed record DeviceOnlineData(string Device, string DeviceType, long LastSeen, long OfflineSince);

/// <summary>The <c>gateway_status</c> gateway event: buffer, uplink, devices and clock at a glance.</summary>
internal sealed record GatewayStatusData(long Buffered, BacklogCounts Backlog, UplinkSummary Uplink, DeviceCounts Devices, string Clock);

/// <summary>Buffered events per priority class, named as the envelope's classes are.</summary>
internal sealed record BacklogCounts(
    [property: JsonPropertyName("P0")] long P0, [property: JsonPropertyName("P1")] long P1,
    [property: JsonPropertyName("P2")] long P2, [property: JsonPropertyName("P3")] long P3);

internal sealed record UplinkSummary(string Kind, string State);

internal sealed record DeviceCounts(int Online, int Offline);
