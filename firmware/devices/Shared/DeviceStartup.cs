using System.Device.Gpio;
using System.Net.NetworkInformation;
using System.Threading;
using EdgeGateway.Firmware.Core.Beacon;
using EdgeGateway.Firmware.Core.Provisioning;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// Power-up, the same for both devices: reads whether the button is held (the physical action), starts the
    /// provisioning session on <see cref="ProvisioningUart"/>, and lets the core's <see cref="DeviceBoot"/> decide.
    /// An unprovisioned device never returns from <see cref="PowerUp"/>: it shows "needs provisioning" and serves the
    /// serial line until the technician's <c>REBOOT</c>; it opens no MQTT connection. A provisioned one gets its
    /// <see cref="Board"/>, wired with the stored settings.
    /// </summary>
    public static class DeviceStartup
    {
        public static Board PowerUp(string model, string[] alsoRequired)
        {
            GpioController gpio = new GpioController();
            GpioLed led = new GpioLed(gpio, Pins.LedRed, Pins.LedGreen, Pins.LedBlue);
            GpioPin button = gpio.OpenPin(Pins.Button, PinMode.InputPullUp);
            DeviceClock clock = new DeviceClock();
            FileFlashStore flash = new FileFlashStore();
            bool held = button.Read() == PinValue.Low; // pull-up: a pressed button reads low
            ProvisioningUart uart = new ProvisioningUart();
            DeviceBoot boot = new DeviceBoot(new FlashConfigStore(flash), held, uart, new BoardProvisioningActions(clock),
                new DeviceIdentity(model, BuildSettings.FirmwareVersion, HardwareId()), led, alsoRequired);
            uart.Run(boot.Session);
            if (!boot.RunsDevice) Thread.Sleep(Timeout.Infinite);
            return new Board(gpio, led, button, clock, flash, boot);
        }

        /// <summary>The Wi-Fi MAC address, as HELLO's hardware id.</summary>
        private static string HardwareId()
        {
            NetworkInterface[] nics = NetworkInterface.GetAllNetworkInterfaces();
            return nics.Length == 0 ? "unknown" : CheckpointBeaconMachine.Hex(nics[0].PhysicalAddress);
        }
    }
}
