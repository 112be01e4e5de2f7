using System.Device.Gpio;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.PanicButton;

namespace EdgeGateway.Firmware.Devices.PanicButton
{
    /// <summary>
    /// Panic button firmware: wires the shared core's <see cref="PanicButtonMachine"/> to real GPIO, PWM, ADC,
    /// flash, Wi-Fi and M2Mqtt, then runs the 100 ms loop (Wi-Fi, MQTT backoff, machine timers).
    /// </summary>
    public static class Program
    {
        private const string DeviceId = "pb-0001";

        public static void Main()
        {
            GpioController gpio = new GpioController();
            DeviceClock clock = new DeviceClock();
            BoardSensors sensors = new BoardSensors(gpio, Pins.BatteryAdcChannel, Pins.Tamper, DeviceSettings.WifiSsid);
            M2MqttLink link = new M2MqttLink(DeviceSettings.GatewayHost, DeviceSettings.GatewayPort, DeviceId, null, clock);
            DeviceSeams seams = new DeviceSeams();
            seams.Clock = clock;
            seams.Led = new GpioLed(gpio, Pins.LedRed, Pins.LedGreen, Pins.LedBlue);
            seams.Buzzer = new PwmBuzzer(Pins.Buzzer);
            seams.Link = link;
            seams.Flash = new FileFlashStore();
            seams.Sensors = sensors;
            seams.Reboot = new PowerReboot();
            seams.FirmwareVersion = DeviceSettings.FirmwareVersion;
            PanicButtonMachine machine = new PanicButtonMachine(DeviceId, seams, new PanicButtonSettings());

            // Button to GND with the internal pull-up: falling edge = pressed. Panic on the edge, before anything else.
            GpioPin button = gpio.OpenPin(Pins.Button, PinMode.InputPullUp);
            button.DebounceTimeout = new System.TimeSpan(0, 0, 0, 0, 20);
            button.ValueChanged += (sender, e) =>
            {
                if (e.ChangeType == PinEventTypes.Falling) machine.ButtonDown();
                else machine.ButtonUp();
            };

            WifiConnector wifi = new WifiConnector(DeviceSettings.WifiSsid, DeviceSettings.WifiPassword);
            DeviceRunLoop.Run(machine, wifi, link, sensors, clock);
        }
    }
}
