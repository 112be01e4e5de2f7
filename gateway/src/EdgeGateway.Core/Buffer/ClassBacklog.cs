using EdgeGateway.Contracts;

namespace EdgeGateway.Core.Buffer;

/// <summary>One class in the buffer: how many events wait, and when the oldest of them reached the gateway (null: none waits).</summary>
public sealed record ClassBacklog(PriorityClass Priority, long Depth, long? OldestReceivedAtMs);
