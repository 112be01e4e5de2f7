namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// Build-time defaults. A provisioned device reads its id, secret, Wi-Fi and gateway from the config store
    /// written over serial (SPEC.md "Provisioning over serial"); these values are only the fallback for a bench test.
    /// Never commit a real secret here.
    /// </summary>
    public static class DeviceSettings
    {
        public const string FirmwareVersion = "1.0.0";
        public const string WifiSsid = "edge-gateway";
        public const string WifiPassword = "change-me";
        public const string GatewayHost = "192.168.4.1";
        public const int GatewayPort = 1883;
    }
}
