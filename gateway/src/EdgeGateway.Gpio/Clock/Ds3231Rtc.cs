using System.Device.I2c;
using Iot.Device.Rtc;

namespace EdgeGateway.Gpio.Clock;

/// <summary>
/// The DS3231 through Iot.Device.Bindings, kept in UTC. Its status register's oscillator-stop flag (OSF, bit 7 of
/// 0x0F) says the time was lost (first power-up, flat coin cell): such a time is not trusted until the gateway
/// writes the RTC again, which clears the flag.
/// </summary>
internal sealed class Ds3231Rtc : IDisposable
{
    private const byte StatusRegister = 0x0F;
    private const byte OscillatorStopped = 0x80;

    private readonly I2cDevice _device;
    private readonly Ds3231 _rtc;

    public Ds3231Rtc(I2cDevice device)
    {
        _device = device;
        _rtc = new Ds3231(device) { LocalTimeZone = TimeZoneInfo.Utc };
    }

    /// <summary>The RTC's time, or null when its oscillator stopped since it was last set. Throws when the chip does not answer.</summary>
    public DateTimeOffset? Read()
    {
        if ((ReadStatus() & OscillatorStopped) != 0) return null;
        var time = _rtc.RtcDateTime;
        // The binding writes the month register's century bit for 20xx and reads a clear bit as 19xx; Linux's
        // rtc-ds1307 driver (hwclock) leaves it clear for 20xx. Both mean this century here.
        if (time.Year < 2000) time = time.AddYears(100);
        return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }

    /// <summary>Sets the RTC (UTC, whole seconds) and clears the oscillator-stop flag.</summary>
    public void Write(DateTimeOffset utc)
    {
        _rtc.RtcDateTime = utc.UtcDateTime;
        var status = ReadStatus();
        _device.Write([StatusRegister, (byte)(status & ~OscillatorStopped)]);
    }

    private byte ReadStatus()
    {
        Span<byte> status = stackalloc byte[1];
        _device.WriteRead([StatusRegister], status);
        return status[0];
    }

    public void Dispose() => _rtc.Dispose();
}
