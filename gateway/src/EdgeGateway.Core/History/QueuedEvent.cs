using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Core.History;

/// <summary>
/// An event waiting in <see cref="JournalRecorder"/>'s queue: the envelope ingest already parsed, as it is (a struct,
/// so offering it allocates nothing); the journal's thread makes the <see cref="JournalEntry"/> of it.
/// </summary>
internal readonly record struct QueuedEvent(EventEnvelope Envelope, bool Coalesced, long ReceivedAtMs)
{
    public JournalEntry ToEntry() => new(0, Envelope.Id.ToString(), Envelope.Dev, Envelope.Type, Envelope.Priority, ReceivedAtMs, Envelope.Ts,
        Envelope.Sync, Coalesced ? "coalesced" : "stored", Envelope.Data);
}
