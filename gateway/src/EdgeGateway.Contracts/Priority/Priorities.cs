using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Contracts;

/// <summary>Maps each event type to its priority class (SPEC.md "Priority classes").</summary>
public static class Priorities
{
    public static PriorityClass Of(string type) => type switch
    {
        EventTypes.Panic or EventTypes.Cancel => PriorityClass.P0,
        EventTypes.Tamper or EventTypes.DeviceOffline or EventTypes.CheckpointMissed
            or EventTypes.GatewayTamper or EventTypes.BatteryLow or EventTypes.AlarmAck => PriorityClass.P1,
        EventTypes.Heartbeat or EventTypes.GatewayStatus => PriorityClass.P3,
        // checkin, test, boot, cmd_result, cmd_delivered, checkpoint_late, round_completed, device_online, uplink_restored
        _ => PriorityClass.P2,
    };

    /// <summary>P0 and P1 are never shed.</summary>
    public static bool IsSheddable(PriorityClass p) => p >= PriorityClass.P2;
}
