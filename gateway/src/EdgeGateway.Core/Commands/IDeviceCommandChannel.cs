namespace EdgeGateway.Core.Commands;

/// <summary>
/// The way to a device (implemented by the broker). Commands are kept durably until the device PUBACKs them or
/// their TTL passes, across the device's disconnects and across gateway restarts.
/// </summary>
public interface IDeviceCommandChannel
{
    /// <summary>
    /// Sends or queues a command. Completes with <see cref="DeliveryOutcome.Delivered"/> when the device acked it
    /// within a short wait, else <see cref="DeliveryOutcome.Queued"/> (or a refusal).
    /// </summary>
    Task<DeliveryOutcome> SendAsync(DeviceCommand command, CancellationToken cancellationToken);

    /// <summary>A command that was answered <see cref="DeliveryOutcome.Queued"/> has now been PUBACKed by its device.</summary>
    event Action<DeviceCommand>? DeliveredLater;

    /// <summary>A queued command was dropped undelivered: its TTL passed, or its device connected with a clean session.</summary>
    event Action<DeviceCommand>? Dropped;
}
