namespace EdgeGateway.Core.Commands;

/// <summary>Commands to devices (section <c>Commands</c>).</summary>
public sealed class CommandOptions
{
    /// <summary>How long a command waits for an offline device; an ack older than this is useless and is dropped (counted).</summary>
    public TimeSpan QueueTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most commands kept for one device; beyond it a new command is refused with an error, not queued.</summary>
    public int MaxQueuedPerDevice { get; set; } = 16;

    /// <summary>How long a command to a connected device waits for its PUBACK before the answer is "queued".</summary>
    public TimeSpan DeliveryWait { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<string> Validate()
    {
        if (QueueTtl < TimeSpan.FromSeconds(1) || QueueTtl > TimeSpan.FromDays(7)) yield return "Commands:QueueTtl must be 00:00:01..7.00:00:00";
        if (MaxQueuedPerDevice is < 1 or > 1000) yield return $"Commands:MaxQueuedPerDevice {MaxQueuedPerDevice} must be 1..1000";
        if (DeliveryWait < TimeSpan.Zero || DeliveryWait > TimeSpan.FromSeconds(30)) yield return "Commands:DeliveryWait must be 0..30 s";
    }
}
