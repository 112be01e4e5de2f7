namespace EdgeGateway.Registry;

/// <summary>One registered device as the registry holds it. Holds hashes only, never the secret.</summary>
public sealed record DeviceRecord(
    string Id,
    string Type,
    string Site,
    string? Checkpoint,
    DeviceState State,
    DateTimeOffset Created,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastHeartbeat);
