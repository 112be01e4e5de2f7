using EdgeGateway.Core.Devices;

namespace EdgeGateway.Core.Tests.Fakes;

/// <summary>An in-memory <see cref="IDeviceDirectory"/>: the registry as supervision reads it.</summary>
internal sealed class FakeDirectory : IDeviceDirectory
{
    private readonly Dictionary<string, DeviceInfo> _devices = new(StringComparer.Ordinal);

    public void Add(string id, string type, DateTimeOffset? lastSeen) =>
        _devices[id] = new DeviceInfo(id, type, "test", null, false, lastSeen, null);

    public void Seen(string id, DateTimeOffset at) => _devices[id] = _devices[id] with { LastSeen = at };

    public void Remove(string id) => _devices.Remove(id);

    public IReadOnlyList<DeviceInfo> List() => [.. _devices.Values];

    public DeviceInfo? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);

    public bool Revoke(string deviceId)
    {
        if (!_devices.TryGetValue(deviceId, out var d)) return false;
        _devices[deviceId] = d with { Revoked = true };
        return true;
    }

    public bool SetLabel(string deviceId, string? label)
    {
        if (!_devices.TryGetValue(deviceId, out var d)) return false;
        _devices[deviceId] = d with { Label = label };
        return true;
    }
}
