namespace EdgeGateway.Firmware.Core.PanicButton
{
    /// <summary>The panic button's thresholds and periods. Defaults follow SPEC.md; <c>config</c> may change the heartbeat.</summary>
    public sealed class PanicButtonSettings
    {
        public const long CancelHoldMs = 10000;

        public long HeartbeatMs { get; set; } = 60000;

        /// <summary>The automatic periodic <c>test</c> report (Contact ID 602).</summary>
        public long DailyTestMs { get; set; } = 24L * 60 * 60 * 1000;

        /// <summary><c>battery_low</c> below this; again only after recovering above it plus the hysteresis.</summary>
        public int BatteryLowMv { get; set; } = 3400;

        public int BatteryHysteresisMv { get; set; } = 150;

        public long MaxTestModeMs { get; set; } = 60L * 60 * 1000;

        /// <summary>How long after a <c>reboot</c> command the device restarts (time to send the cmd_result).</summary>
        public long RebootDelayMs { get; set; } = 2000;
    }
}
