using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Debounce;

namespace EdgeGateway.Core.Buffer;

/// <summary>
/// The durable store-and-forward buffer.
/// <para>
/// Design: one table of events keyed by an arrival sequence, drained in (priority class, arrival) order, and
/// a persistent seen-set of event ids for de-duplication at ingest. Appends are group-committed: callers queue,
/// one writer commits whatever is queued in one transaction with one fsync, then completes every caller.
/// </para>
/// <list type="bullet">
/// <item>G1: <c>AppendAsync</c> completes only after the event (or its duplicate verdict) is durable;
///   the broker acks the device only then.</item>
/// <item>G2: events leave only through <see cref="DeleteAsync"/>, which the forwarder calls after the hub's ack.</item>
/// <item>G3: an id already in the seen-set is <see cref="AppendOutcome.Duplicate"/>: acked, not stored again.</item>
/// </list>
/// </summary>
public interface IEventBuffer
{
    /// <summary>Durably stores an event. Completes after the commit (fsync); throws if it could not be stored.</summary>
    Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken) =>
        AppendAsync(envelope, raw, null, cancellationToken);

    /// <summary>
    /// Durably stores an event, merging it into a still-buffered event with the same coalescing key when
    /// <paramref name="coalesce"/> is given (G6). Throws <see cref="BufferFullException"/> when the quota is reached
    /// and nothing may be shed for it (G7): the caller must not ack.
    /// </summary>
    Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CoalesceRequest? coalesce, CancellationToken cancellationToken);

    /// <summary>The next events to send, most urgent class first, arrival order within a class.</summary>
    Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, CancellationToken cancellationToken) =>
        PeekAsync(max, new long[4], PriorityClass.P3, cancellationToken);

    /// <summary>
    /// The next events to send of classes P0..<paramref name="lowest"/>, skipping, per class, every seq up to
    /// <paramref name="afterSeqByClass"/>[class] (those already in flight). Most urgent class first, arrival order within.
    /// </summary>
    Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, IReadOnlyList<long> afterSeqByClass, PriorityClass lowest, CancellationToken cancellationToken);

    /// <summary>
    /// Removes acknowledged events. From its completion they are no longer peeked or counted; the removal may be
    /// committed later (with the next append's commit), so after a crash an acknowledged event can be sent again with its
    /// id (G3: at least once), never lost.
    /// </summary>
    Task DeleteAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken);

    /// <summary>Completes when an append has been committed since the last call (or at once if one is pending).</summary>
    Task WaitForAppendAsync(CancellationToken cancellationToken);

    /// <summary>Events currently buffered.</summary>
    long Count { get; }

    /// <summary>True when the event id reached this gateway within the seen-set's retention (G3), buffered or already sent.</summary>
    Task<bool> HasSeenAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Buffered events per class, indexed by <see cref="PriorityClass"/> (P0..P3).</summary>
    Task<IReadOnlyList<long>> BacklogByClassAsync(CancellationToken cancellationToken);
}
