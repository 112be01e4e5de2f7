using EdgeGateway.Contracts;

namespace EdgeGateway.Storage;

/// <summary>An event the buffer dropped by policy (quota shedding or TTL), reported after the commit.</summary>
internal readonly record struct DroppedEvent(string EventId, string Type, PriorityClass Priority, bool Expired);
