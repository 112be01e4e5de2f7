using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>One alarm in the <see cref="AlarmLane"/>: where it came from, and the task its sender awaits.</summary>
internal sealed class PendingAlarm(PlannedBatch batch, int index)
{
    public UplinkMessage Message => Batch.Alarms[Index];

    public PlannedBatch Batch { get; } = batch;

    public int Index { get; } = index;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The hub acked it.</summary>
    public void Acked()
    {
        Batch.AlarmAcked[Index] = true;
        Done.TrySetResult();
    }
}
