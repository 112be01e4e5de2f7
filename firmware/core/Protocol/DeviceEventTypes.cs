namespace EdgeGateway.Firmware.Core.Protocol
{
    /// <summary>The event types a device sends (SPEC.md "Event envelope").</summary>
    public static class DeviceEventTypes
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

        /// <summary>All of them, for tests and tools that walk every type.</summary>
        public static readonly string[] All = new string[]
        {
            Panic, Cancel, Test, Tamper, BatteryLow, Heartbeat, Checkin, Boot, CmdResult,
        };
    }
}
