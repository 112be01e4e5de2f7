namespace EdgeGateway.Core.Devices;

/// <summary>Where the broker notes that a device was seen or sent a heartbeat; never blocks on storage.</summary>
public interface IDeviceActivity
{
    void Seen(string deviceId, DateTimeOffset at);

    void Heartbeat(string deviceId, DateTimeOffset at);
}
