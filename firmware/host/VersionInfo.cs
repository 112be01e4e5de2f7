namespace EdgeGateway.Firmware.Host
{
    /// <summary>The firmware version virtual devices report (the device projects set their own).</summary>
    public static class VersionInfo
    {
        public const string Firmware = "1.0.0-virtual";
    }
}
