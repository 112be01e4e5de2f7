using System.Device.Gpio;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Provisioning;

namespace EdgeGateway.Firmware.Devices.PanicButton
{
    /// <summary>
    /// Panic button firmware. At power-up <see cref="DeviceStartup"/> runs the serial provisioning session and decides
    /// whether the device is provisioned; only then are the shared core's <see cref="PanicButtonMachine"/>, GPIO, PWM,
    /// ADC, flash, Wi-Fi and M2Mqtt wired with the stored identity, and the 100 ms loop runs.
    /// </summary>
    public static class Program
    {
        private static readonly string[] AlsoRequired = new string[] { DeviceConfig.WifiSsid };

        public static void Main()
        {
            Board board = DeviceStartup.PowerUp("panic-button", AlsoRequired);
            ProvisionedSettings settings = board.Settings;

            PanicButtonMachine machine = new PanicButtonMachine(settings.DeviceId, board.Seams, new PanicButtonSettings());
            board.Boot.Session.AttachTestMode(machine);

            // Button to GND with the internal pull-up: falling edge = pressed. Panic on the edge, before anything else.
            GpioPin button = board.Button;
            button.DebounceTimeout = new System.TimeSpan(0, 0, 0, 0, 20);
            button.ValueChanged += (sender, e) =>
            {
                if (e.ChangeType == PinEventTypes.Falling) machine.ButtonDown();
                else machine.ButtonUp();
            };

            DeviceRunLoop.Run(machine, new WifiConnector(settings.WifiSsid, settings.WifiPassword), board);
        }
    }
}
