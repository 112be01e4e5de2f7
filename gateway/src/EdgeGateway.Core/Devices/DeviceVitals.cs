namespace EdgeGateway.Core.Devices;

/// <summary>
/// What a device last told about itself: battery, Wi-Fi signal and uptime from its <c>heartbeat</c>, its firmware
/// version from <c>heartbeat</c> or <c>boot</c>. A value the device never sent is null.
/// </summary>
/// <param name="HeartbeatAt">When the gateway accepted the device's latest heartbeat; null if none since the gateway started.</param>
public sealed record DeviceVitals(int? BatteryMv, int? Rssi, string? Firmware, long? UptimeSeconds, DateTimeOffset? HeartbeatAt);
