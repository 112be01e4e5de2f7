namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>A batch cut into hub messages, and which of them the hub has acked so far (kept across attempts).</summary>
internal sealed class PlannedBatch(List<OutboundMessage> plan)
{
    public List<OutboundMessage> Plan { get; } = plan;

    public bool[] Acked { get; } = new bool[plan.Count];
}
