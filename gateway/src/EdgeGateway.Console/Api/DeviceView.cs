namespace EdgeGateway.Console.Api;

/// <summary>
/// One device as the Devices page and API show it: the registry's record, whether it is connected now, and what its
/// heartbeats last reported (null when it sent none since the gateway started). Times are Unix milliseconds.
/// </summary>
public sealed record DeviceView(
    string Id,
    string Type,
    string Site,
    string? Checkpoint,
    string? Label,
    bool Online,
    bool Revoked,
    long? LastSeen,
    long? LastHeartbeat,
    int? BatteryMv,
    int? Rssi,
    string? Firmware,
    long? UptimeSeconds)
{
    /// <summary><c>revoked</c>, <c>online</c> or <c>offline</c>.</summary>
    public string Status => Revoked ? "revoked" : Online ? "online" : "offline";
}
