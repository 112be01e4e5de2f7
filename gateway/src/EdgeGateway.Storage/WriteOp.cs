using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;

namespace EdgeGateway.Storage;

/// <summary>One queued change for the group-commit writer: an append or a delete, with its completion.</summary>
internal sealed class WriteOp
{
    private WriteOp(EventEnvelope? envelope, ReadOnlyMemory<byte> raw, long rcv, CoalesceRequest? coalesce, IReadOnlyList<long>? deletes)
    {
        Envelope = envelope;
        Raw = raw;
        ReceivedAtMs = rcv;
        Coalesce = coalesce;
        Deletes = deletes;
    }

    public EventEnvelope? Envelope { get; }

    public ReadOnlyMemory<byte> Raw { get; }

    public long ReceivedAtMs { get; }

    public CoalesceRequest? Coalesce { get; }

    public IReadOnlyList<long>? Deletes { get; }

    public TaskCompletionSource<AppendOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static WriteOp Append(EventEnvelope envelope, ReadOnlyMemory<byte> raw, long rcv, CoalesceRequest? coalesce) =>
        new(envelope, raw, rcv, coalesce, null);

    public static WriteOp Delete(IReadOnlyList<long> seqs) => new(null, default, 0, null, seqs);
}
