using System.Device.Gpio;
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
            Board board = new Board(gpio, DeviceId);
            PanicButtonMachine machine = new PanicButtonMachine(DeviceId, board.Seams, new PanicButtonSettings());

            // Button to GND with the internal pull-up: falling edge = pressed. Panic on the edge, before anything else.
            GpioPin button = gpio.OpenPin(Pins.Button, PinMode.InputPullUp);
            button.DebounceTimeout = new System.TimeSpan(0, 0, 0, 0, 20);
            button.ValueChanged += (sender, e) =>
            {
                if (e.ChangeType == PinEventTypes.Falling) machine.ButtonDown();
                else machine.ButtonUp();
            };

            WifiConnector wifi = new WifiConnector(DeviceSettings.WifiSsid, DeviceSettings.WifiPassword);
            DeviceRunLoop.Run(machine, wifi, board);
        }
    }
}
