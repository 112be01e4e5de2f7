using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace EdgeGateway.Gpio;

/// <summary>Which GPIO driver <c>Gpio:Driver</c> names, and whether the machine has the chip.</summary>
public static class GpioDrivers
{
    public static bool ChipExists(int chip) => File.Exists($"/dev/gpiochip{chip}");

    public static GpioDriver Create(GpioOptions options, TimeProvider time)
    {
        if (options.Driver == GpioOptions.FakeDriver) return new FakeGpioDriver(time);
        try
        {
            return new LibGpiodDriver(options.Chip);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException
            or PlatformNotSupportedException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"Gpio:Driver=real could not open /dev/gpiochip{options.Chip} (Gpio:Chip): {ex.Message}. It needs libgpiod (apt-get install libgpiod2, " +
                "or libgpiod3 on Debian 13) and a user in the gpio group.", ex);
        }
    }
}
