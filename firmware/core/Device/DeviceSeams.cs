using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>The hardware a device machine talks to, gathered so constructors stay short.</summary>
    public sealed class DeviceSeams
    {
        public IClock Clock { get; set; }
        public ILed Led { get; set; }
        public IBuzzer Buzzer { get; set; }
        public IMqttLink Link { get; set; }
        public IFlashStore Flash { get; set; }
        public IDeviceSensors Sensors { get; set; }
        public IReboot Reboot { get; set; }

        /// <summary>The firmware version reported in <c>boot</c> and <c>heartbeat</c>.</summary>
        public string FirmwareVersion { get; set; } = "0.0.0";

        /// <summary>How many sheddable events the outbox holds (a build-time setting of the device project).</summary>
        public int OutboxCapacity { get; set; } = Outbox.DefaultCapacity;
    }
}
