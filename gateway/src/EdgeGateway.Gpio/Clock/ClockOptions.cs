namespace EdgeGateway.Gpio.Clock;

/// <summary>Section <c>Clock</c>: the DS3231 real-time clock on I²C, and how often NTP's state is checked.</summary>
public sealed class ClockOptions
{
    /// <summary>Read (without NTP) and set (with NTP) a DS3231 on <see cref="I2cBus"/>.</summary>
    public bool Rtc { get; set; }

    public int I2cBus { get; set; } = 1;

    /// <summary>The DS3231's I²C address (104 = 0x68).</summary>
    public int Address { get; set; } = 0x68;

    /// <summary>How often the kernel's NTP state is checked (and the RTC set after NTP synchronised).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Validate()
    {
        if (I2cBus is < 0 or > 255) yield return $"Clock:I2cBus {I2cBus} is not an I2C bus number (0..255)";
        if (Address is < 0x08 or > 0x77) yield return $"Clock:Address {Address} is not a 7-bit I2C device address (8..119)";
        if (CheckInterval < TimeSpan.FromSeconds(1) || CheckInterval > TimeSpan.FromHours(1))
            yield return "Clock:CheckInterval must be between 00:00:01 and 01:00:00";
    }
}
