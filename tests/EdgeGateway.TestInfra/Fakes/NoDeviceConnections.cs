using EdgeGateway.Core.Devices;

namespace EdgeGateway.TestInfra.Fakes;

/// <summary>An <see cref="IDeviceConnections"/> of a broker that is not running (for unit tests that need none).</summary>
public sealed class NoDeviceConnections : IDeviceConnections
{
    public bool IsRunning => false;

    public bool RequiresAuth => true;

    public Task<IReadOnlyList<string>> ConnectedDeviceIdsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<bool> DisconnectAsync(string deviceId, CancellationToken cancellationToken) => Task.FromResult(false);
}
