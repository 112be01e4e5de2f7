namespace EdgeGateway.Core.Supervision;

/// <summary>One supervised device as the console and the status report see it.</summary>
public sealed record DeviceHealth(string Id, string Type, bool Online, DateTimeOffset LastAlive, int? BatteryMv);
