using EdgeGateway.Contracts;

namespace EdgeGateway.Core.Buffer;

/// <summary>An event as it sits in the buffer.</summary>
/// <param name="Seq">The buffer's arrival sequence (unique, increasing).</param>
public sealed record BufferedEvent(
    long Seq,
    string EventId,
    string Device,
    string Type,
    PriorityClass Priority,
    long ReceivedAtMs,
    ReadOnlyMemory<byte> Envelope);
