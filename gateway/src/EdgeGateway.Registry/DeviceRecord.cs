namespace EdgeGateway.Registry;

/// <summary>One registered device as the registry holds it. Holds hashes only, never the secret.</summary>
/// <param name="Label">Where the device is, for people ("Flat 12, 2nd floor"); null when not set.</param>
public sealed record DeviceRecord(
    string Id,
    string Type,
    string Site,
    string? Checkpoint,
    DeviceState State,
    DateTimeOffset Created,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastHeartbeat,
    string? Label = null);
