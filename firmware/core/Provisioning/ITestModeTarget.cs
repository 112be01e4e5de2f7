namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>What the serial <c>TEST-MODE</c> command arms: the running panic button.</summary>
    public interface ITestModeTarget
    {
        /// <summary>Arms test mode for this long (capped by the device); 0 disarms.</summary>
        void ArmTestMode(long durationMs);
    }
}
