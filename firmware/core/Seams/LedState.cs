namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>What the device's LED (and buzzer) tell the person in front of it.</summary>
    public enum LedState
    {
        Idle = 0,
        Sending = 1,
        Delivered = 2,
        Acknowledged = 3,
        Failing = 4,

        /// <summary>No stored configuration: the device waits on its serial line to be provisioned and sends nothing.</summary>
        NeedsProvisioning = 5,
    }
}
