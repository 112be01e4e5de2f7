using EdgeGateway.Core.Devices;

namespace EdgeGateway.Registry;

/// <summary><see cref="IDeviceDirectory"/> over the registry file.</summary>
internal sealed class RegistryDirectory : IDeviceDirectory
{
    private readonly DeviceRegistry _registry;
    private readonly IDeviceAuthenticator _authenticator;

    public RegistryDirectory(DeviceRegistry registry, IDeviceAuthenticator authenticator)
    {
        _registry = registry;
        _authenticator = authenticator;
    }

    public IReadOnlyList<DeviceInfo> List() => _registry.List().Select(ToInfo).ToList();

    public DeviceInfo? Find(string deviceId) => _registry.Find(deviceId) is { } r ? ToInfo(r) : null;

    public bool Revoke(string deviceId)
    {
        var revoked = _registry.Revoke(deviceId);
        if (revoked) _authenticator.Forget(deviceId);
        return revoked;
    }

    public bool SetLabel(string deviceId, string? label) => _registry.SetLabel(deviceId, label);

    private static DeviceInfo ToInfo(DeviceRecord r) =>
        new(r.Id, r.Type, r.Site, r.Checkpoint, r.State == DeviceState.Revoked, r.LastSeen, r.LastHeartbeat, r.Label);
}
