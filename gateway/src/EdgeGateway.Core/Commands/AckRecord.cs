namespace EdgeGateway.Core.Commands;

/// <summary>How far an acknowledgement got on its way to the device.</summary>
public enum AckDelivery
{
    Queued,
    Delivered,

    /// <summary>Its TTL passed before the device came back; a new ack may be sent.</summary>
    Expired,
}

/// <summary>One dispatcher's or duty officer's acknowledgement of an alarm, as the gateway recorded it.</summary>
/// <param name="EventId">The alarm's event id <c>{dev}:{boot}:{seq}</c>.</param>
/// <param name="By">Who acknowledged (operator or dispatcher name as given, else the source).</param>
/// <param name="Source">One of <see cref="EdgeGateway.Contracts.Commands.CommandSources"/>.</param>
public sealed record AckRecord(
    string EventId,
    string DeviceId,
    string By,
    string Source,
    DateTimeOffset At,
    string CommandId,
    AckDelivery Delivery,
    DateTimeOffset? DeliveredAt);
