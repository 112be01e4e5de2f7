using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Core.Buffer;

/// <summary>
/// The durable store-and-forward buffer.
/// <para>
/// Design: one table of events keyed by an arrival sequence, drained in (priority class, arrival) order, and
/// a persistent seen-set of event ids for de-duplication at ingest. Appends are group-committed: callers queue,
/// one writer commits whatever is queued in one transaction with one fsync, then completes every caller.
/// </para>
/// <list type="bullet">
/// <item>G1: <see cref="AppendAsync"/> completes only after the event (or its duplicate verdict) is durable;
///   the broker acks the device only then.</item>
/// <item>G2: events leave only through <see cref="DeleteAsync"/>, which the forwarder calls after the hub's ack.</item>
/// <item>G3: an id already in the seen-set is <see cref="AppendOutcome.Duplicate"/>: acked, not stored again.</item>
/// </list>
/// </summary>
public interface IEventBuffer
{
    /// <summary>Durably stores an event. Completes after the commit (fsync); throws if it could not be stored.</summary>
    Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken);

    /// <summary>The next events to send, most urgent class first, arrival order within a class.</summary>
    Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, CancellationToken cancellationToken);

    /// <summary>Removes acknowledged events (durably).</summary>
    Task DeleteAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken);

    /// <summary>Completes when an append has been committed since the last call (or at once if one is pending).</summary>
    Task WaitForAppendAsync(CancellationToken cancellationToken);

    /// <summary>Events currently buffered.</summary>
    long Count { get; }
}
