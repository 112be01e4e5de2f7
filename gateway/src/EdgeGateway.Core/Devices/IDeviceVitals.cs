namespace EdgeGateway.Core.Devices;

/// <summary>The latest battery, RSSI and firmware each device reported, for the console (kept by <see cref="DeviceVitalsTracker"/>).</summary>
public interface IDeviceVitals
{
    DeviceVitals? Find(string deviceId);

    /// <summary>Every device that reported something since the gateway started.</summary>
    IReadOnlyDictionary<string, DeviceVitals> Snapshot();
}
