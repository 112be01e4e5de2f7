namespace EdgeGateway.Core.Supervision;

/// <summary>Which registered devices are online or offline (G8), for the console and the status report.</summary>
public interface IDeviceSupervision
{
    /// <summary>Every supervised device (registered, not revoked, seen at least once).</summary>
    IReadOnlyList<DeviceHealth> Current();

    /// <summary>Raised after a device went offline or came back (after its event was stored).</summary>
    event Action<DeviceHealth>? Changed;
}
