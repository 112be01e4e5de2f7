using EdgeGateway.Contracts;

namespace EdgeGateway.Core.History;

/// <summary>One event as the history journal keeps it. Times are Unix milliseconds.</summary>
/// <param name="Seq">The journal's own order (assigned when written; 0 before), the key of its paging.</param>
/// <param name="ReceivedAtMs">When the gateway took the event.</param>
/// <param name="DeviceTimeMs">The envelope's <c>ts</c>, by the device's (or gateway's) clock.</param>
/// <param name="Synced">Whether that clock was synced.</param>
/// <param name="Outcome"><c>stored</c>, or <c>coalesced</c> when it was merged into a buffered event of its debounce group.</param>
/// <param name="Data">The envelope's <c>data</c> object as JSON text.</param>
public sealed record JournalEntry(
    long Seq,
    string EventId,
    string Device,
    string Type,
    PriorityClass Priority,
    long ReceivedAtMs,
    long DeviceTimeMs,
    bool Synced,
    string Outcome,
    string Data);
