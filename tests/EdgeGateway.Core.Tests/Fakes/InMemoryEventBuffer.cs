using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;

namespace EdgeGateway.Core.Tests.Fakes;

/// <summary>
/// <see cref="IEventBuffer"/> in memory, with the contract's observable behaviour: a seen-set (duplicates), merges by
/// coalescing key, peeks by class then arrival skipping the per-class cursor, deletes, and the append signal.
/// </summary>
internal sealed class InMemoryEventBuffer : IEventBuffer
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, BufferedEvent> _events = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _coalesceKeys = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = NewSignal();
    private bool _appendPending;
    private long _nextSeq;

    /// <summary>When set, every append throws it (e.g. <see cref="BufferFullException"/>).</summary>
    public Exception? FailAppendsWith { get; set; }

    public List<CoalesceRequest?> CoalesceRequests { get; } = [];

    public List<IReadOnlyList<long>> Deletes { get; } = [];

    public long Count { get { lock (_gate) return _events.Count; } }

    public IReadOnlyList<BufferedEvent> Snapshot() { lock (_gate) return _events.Values.ToList(); }

    public Task<AppendOutcome> AppendAsync(EventEnvelope envelope, ReadOnlyMemory<byte> raw, CoalesceRequest? coalesce, CancellationToken cancellationToken)
    {
        if (FailAppendsWith is not null) return Task.FromException<AppendOutcome>(FailAppendsWith);
        TaskCompletionSource signal;
        AppendOutcome outcome;
        lock (_gate)
        {
            CoalesceRequests.Add(coalesce);
            var id = envelope.Id.ToString();
            if (!_seen.Add(id)) return Task.FromResult(AppendOutcome.Duplicate);
            if (coalesce is not null && _coalesceKeys.TryGetValue(coalesce.Key, out var into) && _events.ContainsKey(into))
            {
                outcome = AppendOutcome.Coalesced;
            }
            else
            {
                var seq = ++_nextSeq;
                _events[seq] = new BufferedEvent(seq, id, envelope.Dev, envelope.Type, envelope.Priority, 0, raw.ToArray());
                if (coalesce is not null) _coalesceKeys[coalesce.Key] = seq;
                outcome = AppendOutcome.Stored;
            }
            signal = _appended;
            _appended = NewSignal();
            _appendPending = true;
        }
        signal.TrySetResult();
        return Task.FromResult(outcome);
    }

    public Task<IReadOnlyList<BufferedEvent>> PeekAsync(int max, IReadOnlyList<long> afterSeqByClass, PriorityClass lowest, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<BufferedEvent> batch = _events.Values
                .Where(e => e.Priority <= lowest && e.Seq > afterSeqByClass[(int)e.Priority])
                .OrderBy(e => e.Priority).ThenBy(e => e.Seq)
                .Take(max).ToList();
            return Task.FromResult(batch);
        }
    }

    public Task DeleteAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Deletes.Add(seqs.ToArray());
            foreach (var s in seqs) _events.Remove(s);
        }
        return Task.CompletedTask;
    }

    public Task WaitForAppendAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_appendPending)
            {
                _appendPending = false;
                return Task.CompletedTask;
            }
            _appendPending = false;
            return _appended.Task.WaitAsync(cancellationToken);
        }
    }

    public Task<bool> HasSeenAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_seen.Contains(eventId));
    }

    public Task<IReadOnlyList<long>> BacklogByClassAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var counts = new long[4];
            foreach (var e in _events.Values) counts[(int)e.Priority]++;
            return Task.FromResult<IReadOnlyList<long>>(counts);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
