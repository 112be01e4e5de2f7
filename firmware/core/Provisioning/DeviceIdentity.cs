namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>What HELLO reports about the hardware and firmware.</summary>
    public sealed class DeviceIdentity
    {
        public DeviceIdentity(string model, string firmware, string hardwareId)
        {
            Model = model;
            Firmware = firmware;
            HardwareId = hardwareId;
        }

        public string Model { get; private set; }

        public string Firmware { get; private set; }

        public string HardwareId { get; private set; }
    }
}
