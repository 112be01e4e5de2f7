using System.Device.Gpio;
using System.Device.Spi;
using EdgeGateway.Firmware.Core.Beacon;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Devices.Mfrc522;
using nanoFramework.Hardware.Esp32;

namespace EdgeGateway.Firmware.Devices.CheckpointBeacon
{
    /// <summary>
    /// Checkpoint beacon firmware: the shared core's <see cref="CheckpointBeaconMachine"/> with an MFRC522 on VSPI,
    /// once <see cref="DeviceStartup"/> found a stored configuration (id, secret, Wi-Fi, gateway, checkpoint).
    /// The machine polls the reader on every 100 ms tick; a tap is stored (beep), then sent with its original time.
    /// </summary>
    public static class Program
    {
        private static readonly string[] AlsoRequired = new string[] { DeviceConfig.WifiSsid, DeviceConfig.CheckpointId };

        public static void Main()
        {
            Board board = DeviceStartup.PowerUp("checkpoint-beacon", AlsoRequired);
            ProvisionedSettings settings = board.Settings;

            Configuration.SetPinFunction(Pins.SpiMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(Pins.SpiMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(Pins.SpiClock, DeviceFunction.SPI1_CLOCK);
            SpiConnectionSettings spiSettings = new SpiConnectionSettings(1, Pins.Mfrc522ChipSelect);
            spiSettings.ClockFrequency = 1000000;
            spiSettings.Mode = SpiMode.Mode0;
            spiSettings.DataBitLength = 8;
            Mfrc522.Mfrc522 chip = new Mfrc522.Mfrc522(SpiDevice.Create(spiSettings), board.Gpio.OpenPin(Pins.Mfrc522Reset, PinMode.Output));
            chip.Initialize();
            System.Diagnostics.Debug.WriteLine("MFRC522 version 0x" + chip.Version.ToString("X2"));

            CheckpointBeaconMachine machine = new CheckpointBeaconMachine(settings.DeviceId, settings.CheckpointId,
                new Mfrc522CardReader(chip), board.Seams, 60000, 3400);

            DeviceRunLoop.Run(machine, new WifiConnector(settings.WifiSsid, settings.WifiPassword), board);
        }
    }
}
