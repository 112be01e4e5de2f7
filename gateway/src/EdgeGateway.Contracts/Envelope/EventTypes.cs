namespace EdgeGateway.Contracts.Envelope;

/// <summary>The event types of SPEC.md, split by who may make them.</summary>
public static class EventTypes
{
    public const string Panic = "panic";
    public const string Cancel = "cancel";
    public const string Test = "test";
    public const string Tamper = "tamper";
    public const string BatteryLow = "battery_low";
    public const string Heartbeat = "heartbeat";
    public const string Checkin = "checkin";
    public const string Boot = "boot";
    public const string CmdResult = "cmd_result";

    public const string DeviceOffline = "device_offline";
    public const string DeviceOnline = "device_online";
    public const string CheckpointMissed = "checkpoint_missed";
    public const string CheckpointLate = "checkpoint_late";
    public const string GatewayTamper = "gateway_tamper";
    public const string UplinkRestored = "uplink_restored";
    public const string RoundCompleted = "round_completed";
    public const string GatewayStatus = "gateway_status";
    public const string AlarmAck = "alarm_ack";
    public const string CmdDelivered = "cmd_delivered";

    /// <summary>Types a device may publish on its <c>evt</c> topic.</summary>
    public static readonly IReadOnlySet<string> DeviceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        Panic, Cancel, Test, Tamper, BatteryLow, Heartbeat, Checkin, Boot, CmdResult,
    };

    /// <summary>Types only the gateway itself makes; a device sending one is refused.</summary>
    public static readonly IReadOnlySet<string> GatewayTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        DeviceOffline, DeviceOnline, CheckpointMissed, CheckpointLate, GatewayTamper, UplinkRestored,
        RoundCompleted, GatewayStatus, AlarmAck, CmdDelivered,
    };

    public static bool IsDeviceType(string type) => DeviceTypes.Contains(type);

    public static bool IsKnown(string type) => DeviceTypes.Contains(type) || GatewayTypes.Contains(type);
}
