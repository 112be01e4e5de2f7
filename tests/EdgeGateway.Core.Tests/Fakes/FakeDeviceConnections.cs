using EdgeGateway.Core.Devices;

namespace EdgeGateway.Core.Tests.Fakes;

internal sealed class FakeDeviceConnections(params string[] connected) : IDeviceConnections
{
    public bool IsRunning => true;

    public bool RequiresAuth => true;

    public Task<IReadOnlyList<string>> ConnectedDeviceIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(connected);

    public Task<bool> DisconnectAsync(string deviceId, CancellationToken cancellationToken) => Task.FromResult(connected.Contains(deviceId));
}
