using EdgeGateway.Core.Commands;

namespace EdgeGateway.Core.Tests.Fakes;

/// <summary>An <see cref="IDeviceCommandChannel"/> that answers with <see cref="NextOutcome"/> and lets the test play the device's late PUBACK or a drop.</summary>
internal sealed class FakeCommandChannel : IDeviceCommandChannel
{
    public DeliveryOutcome NextOutcome { get; set; } = DeliveryOutcome.Delivered;

    public List<DeviceCommand> Sent { get; } = [];

    public event Action<DeviceCommand>? DeliveredLater;

    public event Action<DeviceCommand>? Dropped;

    public Task<DeliveryOutcome> SendAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        lock (Sent) Sent.Add(command);
        return Task.FromResult(NextOutcome);
    }

    public void DeviceTookItLater(DeviceCommand command) => DeliveredLater?.Invoke(command);

    public void Drop(DeviceCommand command) => Dropped?.Invoke(command);
}
