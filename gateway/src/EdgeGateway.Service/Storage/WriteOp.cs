using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;

namespace EdgeGateway.Service.Storage;

/// <summary>One queued change for the group-commit writer: an append or a delete, with its completion.</summary>
internal sealed class WriteOp
{
    private WriteOp(EventEnvelope? envelope, ReadOnlyMemory<byte> raw, long rcv, IReadOnlyList<long>? deletes)
    {
        Envelope = envelope;
        Raw = raw;
        ReceivedAtMs = rcv;
        Deletes = deletes;
    }

    public EventEnvelope? Envelope { get; }

    public ReadOnlyMemory<byte> Raw { get; }

    public long ReceivedAtMs { get; }

    public IReadOnlyList<long>? Deletes { get; }

    public TaskCompletionSource<AppendOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static WriteOp Append(EventEnvelope envelope, ReadOnlyMemory<byte> raw, long rcv) => new(envelope, raw, rcv, null);

    public static WriteOp Delete(IReadOnlyList<long> seqs) => new(null, default, 0, seqs);
}
