using EdgeGateway.Core.Commands;

namespace EdgeGateway.TestInfra.Fakes;

/// <summary>An <see cref="IDeviceCommandChannel"/> whose devices take every command at once (delivered); it keeps what was sent.</summary>
public sealed class DeliveringCommandChannel : IDeviceCommandChannel
{
    private readonly List<DeviceCommand> _sent = [];

    public IReadOnlyList<DeviceCommand> Sent { get { lock (_sent) return [.. _sent]; } }

    public event Action<DeviceCommand>? DeliveredLater;

    public event Action<DeviceCommand>? Dropped;

    public Task<DeliveryOutcome> SendAsync(DeviceCommand command, CancellationToken cancellationToken)
    {
        lock (_sent) _sent.Add(command);
        return Task.FromResult(DeliveryOutcome.Delivered);
    }

    /// <summary>Raises the channel's events as a real one would after a late PUBACK (delivered) or a TTL drop.</summary>
    public void Raise(DeviceCommand command, bool delivered)
    {
        if (delivered) DeliveredLater?.Invoke(command);
        else Dropped?.Invoke(command);
    }
}
