using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>Settable battery, tamper switch and RSSI for virtual devices (scripted by the simulator or a test).</summary>
    public sealed class VirtualSensors : IDeviceSensors
    {
        private volatile int _batteryMv = 4100;
        private volatile bool _tamperOpen;
        private volatile int _rssi = -55;

        public int BatteryMillivolts { get => _batteryMv; set => _batteryMv = value; }

        public bool TamperOpen { get => _tamperOpen; set => _tamperOpen = value; }

        public int Rssi { get => _rssi; set => _rssi = value; }
    }
}
