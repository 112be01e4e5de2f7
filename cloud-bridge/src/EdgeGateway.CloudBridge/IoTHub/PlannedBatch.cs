using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// A batch cut into its alarms (sent through the <see cref="AlarmLane"/>) and the hub messages of the rest, and which of
/// them the hub has acked so far (kept across attempts, so a retry sends only what is not acked).
/// </summary>
internal sealed class PlannedBatch(UplinkMessage[] alarms, List<OutboundMessage> plan)
{
    public UplinkMessage[] Alarms { get; } = alarms;

    public bool[] AlarmAcked { get; } = new bool[alarms.Length];

    public List<OutboundMessage> Plan { get; } = plan;

    public bool[] Acked { get; } = new bool[plan.Count];
}
