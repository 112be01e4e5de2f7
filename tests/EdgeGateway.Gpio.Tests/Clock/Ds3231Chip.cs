using System.Device.I2c;

namespace EdgeGateway.Gpio.Tests.Clock;

/// <summary>
/// A simulated DS3231 behind an <see cref="I2cDevice"/>: 19 registers (0x00–0x12) with the chip's auto-incrementing
/// register pointer: a write's first byte sets the pointer and the rest are stored from there; reads continue from
/// the pointer. Time registers are BCD (seconds, minutes, hours in 24 h mode, weekday, date, month with the century
/// bit, year: Iot.Device.Bindings sets it for 20xx, Linux's hwclock leaves it clear); bit 7 of the status register (0x0F) is the oscillator-stop flag, set at power-up. When
/// <see cref="Answering"/> is false every transfer fails as Linux reports a missing device (EREMOTEIO).
/// </summary>
internal sealed class Ds3231Chip : I2cDevice
{
    private readonly byte[] _registers = new byte[0x13];
    private int _pointer;

    public Ds3231Chip() => _registers[0x0F] = 0x80;

    public bool Answering { get; set; } = true;

    public int Transfers { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x68);

    public byte this[int register] => _registers[register];

    public bool OscillatorStopped
    {
        get => (_registers[0x0F] & 0x80) != 0;
        set => _registers[0x0F] = (byte)(value ? _registers[0x0F] | 0x80 : _registers[0x0F] & 0x7F);
    }

    /// <summary>Sets the time registers as the chip would hold them; <paramref name="centuryBit"/>: as the binding writes 20xx.</summary>
    public void Hold(DateTime t, bool centuryBit = true)
    {
        _registers[0] = Bcd(t.Second);
        _registers[1] = Bcd(t.Minute);
        _registers[2] = Bcd(t.Hour);
        _registers[3] = (byte)((int)t.DayOfWeek + 1);
        _registers[4] = Bcd(t.Day);
        _registers[5] = (byte)(Bcd(t.Month) | (centuryBit ? 0x80 : 0));
        _registers[6] = Bcd(t.Year % 100);
    }

    /// <summary>The time the registers hold (20xx).</summary>
    public DateTime Held() => new(2000 + FromBcd(_registers[6]), FromBcd(_registers[5] & 0x1F), FromBcd(_registers[4]),
        FromBcd(_registers[2] & 0x3F), FromBcd(_registers[1]), FromBcd(_registers[0] & 0x7F), DateTimeKind.Utc);

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        Transfer();
        for (var i = 0; i < buffer.Length; i++) buffer[i] = _registers[Next()];
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transfer();
        if (buffer.IsEmpty) return;
        _pointer = buffer[0] % _registers.Length;
        foreach (var b in buffer[1..]) _registers[Next()] = b;
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private int Next()
    {
        var at = _pointer;
        _pointer = (_pointer + 1) % _registers.Length;
        return at;
    }

    private void Transfer()
    {
        Transfers++;
        if (!Answering) throw new IOException("Error 121 performing I2C data transfer (Remote I/O error)");
    }

    private static byte Bcd(int value) => (byte)((value / 10 << 4) | (value % 10));

    private static int FromBcd(int bcd) => (bcd >> 4) * 10 + (bcd & 0x0F);
}
