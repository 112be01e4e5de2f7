using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Debounce;

namespace EdgeGateway.Storage;

/// <summary>One queued append for the group-commit writer, with its completion. (Deletes after upstream acks do not
/// queue: they are recorded in <see cref="PendingDeletes"/> and ride in the writer's next transaction.)</summary>
internal sealed class WriteOp
{
    private WriteOp(EventEnvelope envelope, ReadOnlyMemory<byte> raw, long rcv, CoalesceRequest? coalesce)
    {
        Envelope = envelope;
        Raw = raw;
        ReceivedAtMs = rcv;
        Coalesce = coalesce;
    }

    public EventEnvelope Envelope { get; }

    public ReadOnlyMemory<byte> Raw { get; }

    public long ReceivedAtMs { get; }

    public CoalesceRequest? Coalesce { get; }

    public TaskCompletionSource<AppendOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static WriteOp Append(EventEnvelope envelope, ReadOnlyMemory<byte> raw, long rcv, CoalesceRequest? coalesce) =>
        new(envelope, raw, rcv, coalesce);
}
