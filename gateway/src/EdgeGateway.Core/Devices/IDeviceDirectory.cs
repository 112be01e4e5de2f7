namespace EdgeGateway.Core.Devices;

/// <summary>A registered device as features outside the registry see it (no secrets, no hashes).</summary>
/// <param name="Label">Where the device is, for people ("Flat 12, 2nd floor"); null when not set.</param>
public sealed record DeviceInfo(
    string Id,
    string Type,
    string Site,
    string? Checkpoint,
    bool Revoked,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastHeartbeat,
    string? Label = null);

/// <summary>Read access to the device registry for supervision, the console and patrols (implemented by the registry).</summary>
public interface IDeviceDirectory
{
    IReadOnlyList<DeviceInfo> List();

    DeviceInfo? Find(string deviceId);

    /// <summary>Marks the device revoked; the broker disconnects it within about a second. False if unknown.</summary>
    bool Revoke(string deviceId);

    /// <summary>Sets (or with null clears) the device's location label. False if unknown; throws ArgumentException when too long.</summary>
    bool SetLabel(string deviceId, string? label);
}
