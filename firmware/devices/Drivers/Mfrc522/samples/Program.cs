using System.Device.Gpio;
using System.Device.Spi;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace EdgeGateway.Firmware.Devices.Mfrc522.Samples
{
    /// <summary>Prints the UID of every card tapped on an MFRC522 wired to the ESP32's VSPI (see ../README.md).</summary>
    public static class Program
    {
        public static void Main()
        {
            Configuration.SetPinFunction(23, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(19, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(18, DeviceFunction.SPI1_CLOCK);
            SpiConnectionSettings settings = new SpiConnectionSettings(1, 5);
            settings.ClockFrequency = 1000000;
            settings.Mode = SpiMode.Mode0;
            GpioController gpio = new GpioController();
            using (Mfrc522 reader = new Mfrc522(SpiDevice.Create(settings), gpio.OpenPin(22, PinMode.Output)))
            {
                reader.Initialize();
                Debug.WriteLine("MFRC522 version 0x" + reader.Version.ToString("X2"));
                while (true)
                {
                    byte[] uid = reader.ReadUid();
                    if (uid != null) Debug.WriteLine("card " + Core.Beacon.CheckpointBeaconMachine.Hex(uid));
                    Thread.Sleep(200);
                }
            }
        }
    }
}
