using System.Device.Spi;

namespace EdgeGateway.Firmware.Tests.Drivers;

/// <summary>
/// The MFRC522 at the SPI register level, enough of it for the driver: the address byte (bit 7 read, bits 6..1
/// register), FIFO with FIFOLevel flush, CommandReg (Idle, CalcCRC, Transceive, SoftReset), BitFramingReg StartSend,
/// ComIrqReg (RxIRq, IdleIRq, TimerIRq), DivIrqReg CRCIRq, ErrorReg, CRCResultReg and VersionReg, plus the card
/// in the field answering REQA, anticollision and SELECT by cascade level, and HLTA.
/// </summary>
internal sealed class SimulatedMfrc522 : SpiDevice
{
    private const int Command = 0x01, ComIrq = 0x04, DivIrq = 0x05, Error = 0x06, FifoData = 0x09, FifoLevel = 0x0A,
        BitFraming = 0x0D, CrcHigh = 0x21, CrcLow = 0x22, Version = 0x37;

    private readonly byte[] _registers = new byte[64];
    private readonly Queue<byte> _fifo = new();

    public SimulatedMfrc522() => _registers[Version] = 0x92;

    /// <summary>The card in the field, or null.</summary>
    public SimulatedCard? Card { get; set; }

    /// <summary>Frames the card received, in order (for the test to check the protocol).</summary>
    public List<byte[]> Frames { get; } = [];

    /// <summary>Corrupts the CRC of the next SAK the card sends.</summary>
    public bool CorruptNextSakCrc { get; set; }

    /// <summary>Removes the card from the field as soon as it has received a frame starting with this byte.</summary>
    public byte? RemoveCardAfter { get; set; }

    public override SpiConnectionSettings ConnectionSettings { get; } = new(1, 5) { ClockFrequency = 1_000_000 };

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var register = (buffer[0] >> 1) & 0x3F;
        var value = buffer[1];
        switch (register)
        {
            case ComIrq or DivIrq when (value & 0x80) == 0: _registers[register] &= (byte)~value; break;
            case FifoLevel when (value & 0x80) != 0: _fifo.Clear(); break;
            case FifoData: _fifo.Enqueue(value); break;
            case Command: RunCommand(value & 0x0F); break;
            case BitFraming:
                _registers[BitFraming] = value;
                if ((value & 0x80) != 0 && (_registers[Command] & 0x0F) == 0x0C) Transmit();
                break;
            default: _registers[register] = value; break;
        }
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        var register = (writeBuffer[0] >> 1) & 0x3F;
        readBuffer[0] = 0;
        readBuffer[1] = register switch
        {
            FifoData => _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0,
            FifoLevel => (byte)_fifo.Count,
            _ => _registers[register],
        };
    }

    public override void Read(Span<byte> buffer) => throw new NotSupportedException("the MFRC522 is read through full-duplex transfers");

    public override byte ReadByte() => throw new NotSupportedException("the MFRC522 is read through full-duplex transfers");

    public override void WriteByte(byte value) => throw new NotSupportedException("the MFRC522 takes address + value pairs");

    private void RunCommand(int command)
    {
        _registers[Command] = (byte)command;
        if (command == 0x0F) Array.Clear(_registers, 0, Version);
        if (command != 0x03) return;
        var crc = Crc.A([.. _fifo]);
        _registers[CrcLow] = (byte)crc;
        _registers[CrcHigh] = (byte)(crc >> 8);
        _registers[DivIrq] |= 0x04;
    }

    private void Transmit()
    {
        var frame = _fifo.ToArray();
        _fifo.Clear();
        _registers[Error] = 0;
        var answer = Card is null ? null : Answer(Card, frame);
        if (RemoveCardAfter == frame[0]) Card = null;
        if (answer is null)
        {
            _registers[ComIrq] |= 0x01; // TimerIRq: nothing came back
            return;
        }
        foreach (var b in answer) _fifo.Enqueue(b);
        _registers[ComIrq] |= 0x30; // RxIRq | IdleIRq
    }

    private byte[]? Answer(SimulatedCard card, byte[] frame)
    {
        Frames.Add(frame);
        if (frame is [0x26]) // REQA, 7 bits
        {
            if (card.State != "idle") return null;
            card.State = "ready";
            return card.Uid.Length == 4 ? [0x04, 0x00] : [0x44, 0x00];
        }
        if (frame is [0x50, 0x00, _, _])
        {
            if (Crc.Matches(frame)) card.State = "halt";
            return null;
        }
        var level = Array.IndexOf(new byte[] { 0x93, 0x95, 0x97 }, frame[0]);
        if (level < 0 || card.State != "ready") return null;
        if (frame is [_, 0x20]) return card.LevelPart(level);
        if (frame.Length != 9 || frame[1] != 0x70 || !Crc.Matches(frame) || !frame.AsSpan(2, 5).SequenceEqual(card.LevelPart(level))) return null;
        byte sak = card.IsLastLevel(level) ? (byte)0x08 : (byte)0x04;
        if (card.IsLastLevel(level)) card.State = "active";
        var crc = Crc.A([sak]);
        byte[] reply = [sak, (byte)crc, (byte)(crc >> 8)];
        if (CorruptNextSakCrc)
        {
            CorruptNextSakCrc = false;
            reply[2] ^= 0xFF;
        }
        return reply;
    }
}
