namespace EdgeGateway.Core.Supervision;

/// <summary>
/// What supervision keeps about one device across restarts: when it was last alive (heartbeat, event or connection),
/// its last reported battery, and whether <c>device_offline</c> was sent for it (and no <c>device_online</c> since).
/// </summary>
public sealed record SupervisedDevice(string Id, string Type, DateTimeOffset LastAlive, int? BatteryMv, bool Offline);
