namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>What the buzzer says. The device seam maps each to tones and durations.</summary>
    public enum BuzzerPattern
    {
        /// <summary>One short beep: the event is stored in the outbox (a tap, a press in test mode).</summary>
        Stored = 0,

        /// <summary>Two short beeps: the gateway acknowledged the event.</summary>
        Delivered = 1,

        /// <summary>One long tone: dispatch acknowledged the alarm.</summary>
        Acknowledged = 2,

        /// <summary>A low double tone: the link is down and events are waiting.</summary>
        Failing = 3,

        /// <summary>A series of beeps so a technician can find the device (<c>locate</c> command).</summary>
        Locate = 4,
    }
}
