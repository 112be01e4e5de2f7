namespace EdgeGateway.Core.Commands;

/// <summary>What became of a command handed to <see cref="IDeviceCommandChannel"/>.</summary>
public enum DeliveryOutcome
{
    /// <summary>The device PUBACKed it.</summary>
    Delivered,

    /// <summary>Kept durably for the device (offline, or it did not ack in time); delivered when it reconnects, until its TTL.</summary>
    Queued,

    /// <summary>The device's queue is at its bound; nothing was queued.</summary>
    QueueFull,

    /// <summary>The broker is not running (start-up or shutdown); nothing was queued.</summary>
    Unavailable,
}
