using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Contracts.Uplink;

/// <summary>One buffered event on its way up.</summary>
/// <param name="EventId">The idempotency key, <c>{dev}:{boot}:{seq}</c>.</param>
/// <param name="ReceivedAtMs">When the gateway committed it (Unix ms).</param>
/// <param name="Envelope">The envelope's UTF-8 JSON as the device sent it (or as the gateway made it).</param>
public sealed record UplinkMessage(
    string EventId,
    string Device,
    string Type,
    PriorityClass Priority,
    long ReceivedAtMs,
    ReadOnlyMemory<byte> Envelope)
{
    public static UplinkMessage From(EventEnvelope envelope, ReadOnlyMemory<byte> raw, long receivedAtMs) =>
        new(envelope.Id.ToString(), envelope.Dev, envelope.Type, envelope.Priority, receivedAtMs, raw);
}
