namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// Settings fixed when the firmware is built. Who the device is, its secret, Wi-Fi and gateway are not here:
    /// they are written over serial by the technician (<c>edgegw device provision</c>) and read from flash.
    /// </summary>
    public static class BuildSettings
    {
        public const string FirmwareVersion = "1.1.0";

        /// <summary>Sheddable events (heartbeats, P2) the outbox holds while offline; alarms come on top, in flash.</summary>
        public const int OutboxCapacity = 64;
    }
}
