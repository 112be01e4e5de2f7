namespace EdgeGateway.Core.Devices;

/// <summary>The devices connected to the gateway's broker right now, and a way to cut one off (implemented by the broker).</summary>
public interface IDeviceConnections
{
    /// <summary>False while the broker is not running; then there is nobody to list or disconnect.</summary>
    bool IsRunning { get; }

    /// <summary>True when devices authenticate (ids are then real registry ids).</summary>
    bool RequiresAuth { get; }

    Task<IReadOnlyList<string>> ConnectedDeviceIdsAsync(CancellationToken cancellationToken);

    /// <summary>Disconnects the device as not authorized; false if it was not connected.</summary>
    Task<bool> DisconnectAsync(string deviceId, CancellationToken cancellationToken);
}
