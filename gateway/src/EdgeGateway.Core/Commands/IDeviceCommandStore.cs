namespace EdgeGateway.Core.Commands;

/// <summary>
/// The durable per-device command queue behind <see cref="IDeviceCommandChannel"/> (implemented by storage).
/// Bounded per device; expired commands are never handed out.
/// </summary>
public interface IDeviceCommandStore
{
    /// <summary>Stores a command; false (nothing stored) when the device already has <paramref name="maxPerDevice"/> waiting.</summary>
    bool TryAdd(DeviceCommand command, int maxPerDevice);

    /// <summary>The device's unexpired commands, oldest first.</summary>
    IReadOnlyList<DeviceCommand> Pending(string deviceId, DateTimeOffset now);

    /// <summary>Removes a delivered command; false if it was not there (already removed or expired).</summary>
    bool Remove(string commandId);

    /// <summary>Removes every command past its TTL and returns them (to be counted and logged).</summary>
    IReadOnlyList<DeviceCommand> RemoveExpired(DateTimeOffset now);

    /// <summary>Removes all of a device's commands (it connected with a clean session) and returns them.</summary>
    IReadOnlyList<DeviceCommand> Clear(string deviceId);

    /// <summary>Commands waiting, all devices.</summary>
    long Count { get; }
}
