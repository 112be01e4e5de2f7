using System.Device.Gpio;
using EdgeGateway.Firmware.Core.Device;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// The ESP32 board both devices share: clock, sensors (battery, tamper, RSSI), MQTT link, RGB LED, buzzer,
    /// flash and reboot, wired to the pins in <see cref="Pins"/>. <see cref="Seams"/> is what the core machines take.
    /// </summary>
    public sealed class Board
    {
        public Board(GpioController gpio, string deviceId)
        {
            Clock = new DeviceClock();
            Sensors = new BoardSensors(gpio, Pins.BatteryAdcChannel, Pins.Tamper, DeviceSettings.WifiSsid);
            Link = new M2MqttLink(DeviceSettings.GatewayHost, DeviceSettings.GatewayPort, deviceId, null, Clock);
            Seams = new DeviceSeams();
            Seams.Clock = Clock;
            Seams.Led = new GpioLed(gpio, Pins.LedRed, Pins.LedGreen, Pins.LedBlue);
            Seams.Buzzer = new PwmBuzzer(Pins.Buzzer);
            Seams.Link = Link;
            Seams.Flash = new FileFlashStore();
            Seams.Sensors = Sensors;
            Seams.Reboot = new PowerReboot();
            Seams.FirmwareVersion = DeviceSettings.FirmwareVersion;
        }

        public DeviceClock Clock { get; private set; }

        public BoardSensors Sensors { get; private set; }

        public M2MqttLink Link { get; private set; }

        public DeviceSeams Seams { get; private set; }
    }
}
