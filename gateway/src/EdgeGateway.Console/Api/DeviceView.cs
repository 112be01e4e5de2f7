namespace EdgeGateway.Console.Api;

/// <summary>One device as the Devices page and API show it. Times are Unix milliseconds.</summary>
public sealed record DeviceView(
    string Id,
    string Type,
    string Site,
    string? Checkpoint,
    string? Label,
    bool Online,
    bool Revoked,
    long? LastSeen,
    long? LastHeartbeat);
