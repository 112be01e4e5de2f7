using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>The hardware a device machine talks to, gathered so constructors stay short.</summary>
    public sealed class DeviceSeams
    {
        public IClock Clock;
        public ILed Led;
        public IBuzzer Buzzer;
        public IMqttLink Link;
        public IFlashStore Flash;
        public IDeviceSensors Sensors;
        public IReboot Reboot;

        /// <summary>The firmware version reported in <c>boot</c> and <c>heartbeat</c>.</summary>
        public string FirmwareVersion = "0.0.0";

        /// <summary>How many sheddable events the outbox holds (a build-time setting of the device project).</summary>
        public int OutboxCapacity = Outbox.DefaultCapacity;
    }
}
