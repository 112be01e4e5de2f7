using System.Device.Gpio;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Provisioning;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// The ESP32 board both devices share: clock, sensors (battery, tamper, RSSI), MQTT link, RGB LED, buzzer,
    /// flash and reboot, wired to the pins in <see cref="Pins"/>. <see cref="Seams"/> is what the core machines take.
    /// </summary>
    public sealed class Board
    {
        /// <summary>Wires the board for a provisioned device: the link logs in with the stored id and secret.</summary>
        public Board(GpioController gpio, GpioLed led, GpioPin button, DeviceClock clock, FileFlashStore flash, DeviceBoot boot)
        {
            ProvisionedSettings settings = boot.Settings;
            Gpio = gpio;
            Button = button;
            Boot = boot;
            Clock = clock;
            Sensors = new BoardSensors(gpio, Pins.BatteryAdcChannel, Pins.Tamper, settings.WifiSsid);
            Link = new M2MqttLink(settings.GatewayHost, settings.GatewayPort, settings.GatewayTls, settings.DeviceId, settings.Secret, Clock);
            Seams = new DeviceSeams();
            Seams.Clock = Clock;
            Seams.Led = led;
            Seams.Buzzer = new PwmBuzzer(Pins.Buzzer);
            Seams.Link = Link;
            Seams.Flash = flash;
            Seams.Sensors = Sensors;
            Seams.Reboot = new PowerReboot();
            Seams.FirmwareVersion = BuildSettings.FirmwareVersion;
            Seams.OutboxCapacity = BuildSettings.OutboxCapacity;
        }

        public GpioController Gpio { get; private set; }

        /// <summary>The button on <see cref="Pins.Button"/> (pull-up, low when pressed), already open.</summary>
        public GpioPin Button { get; private set; }

        /// <summary>The power-up decision and the serial session, which keeps running.</summary>
        public DeviceBoot Boot { get; private set; }

        public ProvisionedSettings Settings { get { return Boot.Settings; } }

        public DeviceClock Clock { get; private set; }

        public BoardSensors Sensors { get; private set; }

        public M2MqttLink Link { get; private set; }

        public DeviceSeams Seams { get; private set; }
    }
}
