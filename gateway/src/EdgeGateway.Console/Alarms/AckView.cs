using EdgeGateway.Core.Commands;

namespace EdgeGateway.Console.Alarms;

/// <summary>Who acknowledged an alarm, from where, when, and whether the device has taken the ack (<c>queued</c>, <c>delivered</c>, <c>expired</c>).</summary>
public sealed record AckView(string By, string Source, long At, string Delivery, long? DeliveredAt)
{
    public static AckView From(AckRecord r) =>
        new(r.By, r.Source, r.At.ToUnixTimeMilliseconds(), r.Delivery.ToString().ToLowerInvariant(), r.DeliveredAt?.ToUnixTimeMilliseconds());
}
