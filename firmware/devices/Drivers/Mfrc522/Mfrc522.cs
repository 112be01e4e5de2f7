using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;

namespace EdgeGateway.Firmware.Devices.Mfrc522
{
    /// <summary>
    /// A minimal MFRC522 driver over SPI, written from the NXP datasheet and ISO/IEC 14443-3: reset and antenna set-up,
    /// then REQA → anticollision → SELECT through up to three cascade levels to read a 4, 7 or 10 byte UID, then HLTA.
    /// SPI address byte (datasheet 8.1.2.3): bit 7 = read, bits 6..1 = register, bit 0 = 0.
    /// </summary>
    public sealed class Mfrc522 : IDisposable
    {
        private const byte Reqa = 0x26;
        private const byte CascadeTag = 0x88;
        private static readonly byte[] SelectCodes = new byte[] { 0x93, 0x95, 0x97 };
        private const byte ErrorMask = 0x13; // BufferOvfl | ParityErr | ProtocolErr
        private const byte CollErr = 0x08;

        private readonly SpiDevice _spi;
        private readonly GpioPin _reset;
        private readonly byte[] _two = new byte[2];
        private readonly byte[] _twoIn = new byte[2];

        /// <param name="spi">SPI mode 0, ≤ 10 MHz (1 MHz is plenty), 8-bit.</param>
        /// <param name="reset">The NRSTPD pin (high = running), or null when tied high.</param>
        public Mfrc522(SpiDevice spi, GpioPin reset)
        {
            _spi = spi;
            _reset = reset;
        }

        /// <summary>Resets the chip and configures the timer (25 ms receive timeout), 100 % ASK, CRC preset 0x6363, antenna on.</summary>
        public void Initialize()
        {
            if (_reset != null)
            {
                _reset.Write(PinValue.Low);
                Thread.Sleep(2);
                _reset.Write(PinValue.High);
                Thread.Sleep(50);
            }
            Write(Mfrc522Register.Command, (byte)Mfrc522Command.SoftReset);
            Thread.Sleep(50);
            Write(Mfrc522Register.TMode, 0x80);       // TAuto: the timer starts at the end of a transmission
            Write(Mfrc522Register.TPrescaler, 0xA9);  // 13.56 MHz / (2*169+1) ≈ 40 kHz → 25 µs per tick
            Write(Mfrc522Register.TReloadHigh, 0x03); // 1000 ticks = 25 ms
            Write(Mfrc522Register.TReloadLow, 0xE8);
            Write(Mfrc522Register.TxAsk, 0x40);       // Force100ASK
            Write(Mfrc522Register.Mode, 0x3D);        // CRC preset 0x6363 (ISO 14443-3 CRC_A)
            byte tx = Read(Mfrc522Register.TxControl);
            if ((tx & 0x03) != 0x03) Write(Mfrc522Register.TxControl, (byte)(tx | 0x03)); // TX1, TX2 on
        }

        /// <summary>The VersionReg value: 0x91 (v1.0) or 0x92 (v2.0) on genuine parts, 0x88/0x12 on clones, 0x00/0xFF when not wired.</summary>
        public byte Version { get { return Read(Mfrc522Register.Version); } }

        /// <summary>The UID of one card in the field, or null when none answers (or a collision could not be resolved).</summary>
        public byte[] ReadUid()
        {
            byte[] atqa = Transceive(new byte[] { Reqa }, 7);
            if (atqa == null || atqa.Length != 2) return null;

            byte[] uid = new byte[10];
            int uidLength = 0;
            for (int level = 0; level < 3; level++)
            {
                byte sel = SelectCodes[level];
                byte[] part = Transceive(new byte[] { sel, 0x20 }, 0); // anticollision: NVB = 2 bytes, ask for the rest
                if (part == null || part.Length != 5) return null;
                if ((byte)(part[0] ^ part[1] ^ part[2] ^ part[3]) != part[4]) return null; // BCC

                byte[] select = new byte[9];
                select[0] = sel;
                select[1] = 0x70; // NVB = 7 bytes: the whole UID part
                Array.Copy(part, 0, select, 2, 5);
                if (!AppendCrc(select, 7)) return null;
                byte[] sak = Transceive(select, 0);
                if (sak == null || sak.Length != 3 || !CrcMatches(sak)) return null; // SAK + CRC_A, checked here (RxMode CRC is off)

                bool more = part[0] == CascadeTag;
                int from = more ? 1 : 0;
                int count = more ? 3 : 4;
                Array.Copy(part, from, uid, uidLength, count);
                uidLength += count;
                if ((sak[0] & 0x04) == 0) break; // SAK bit 3 clear: UID complete
            }
            Halt();
            byte[] result = new byte[uidLength];
            Array.Copy(uid, result, uidLength);
            return result;
        }

        public void Dispose() { _spi.Dispose(); }

        private void Halt()
        {
            byte[] hlta = new byte[] { 0x50, 0x00, 0, 0 };
            if (AppendCrc(hlta, 2)) Transceive(hlta, 0); // a halted card does not answer: null is the expected result
        }

        /// <summary>Sends <paramref name="data"/> (last byte <paramref name="lastBits"/> bits, 0 = 8) and returns the answer, or null.</summary>
        private byte[] Transceive(byte[] data, int lastBits)
        {
            Write(Mfrc522Register.Command, (byte)Mfrc522Command.Idle);
            Write(Mfrc522Register.ComIrq, 0x7F);     // clear all interrupt flags
            Write(Mfrc522Register.FifoLevel, 0x80);  // flush the FIFO
            for (int i = 0; i < data.Length; i++) Write(Mfrc522Register.FifoData, data[i]);
            Write(Mfrc522Register.BitFraming, (byte)(lastBits & 0x07));
            Write(Mfrc522Register.Command, (byte)Mfrc522Command.Transceive);
            Write(Mfrc522Register.BitFraming, (byte)(0x80 | (lastBits & 0x07))); // StartSend

            long deadline = Environment.TickCount64 + 40;
            while (true)
            {
                byte irq = Read(Mfrc522Register.ComIrq);
                if ((irq & 0x30) != 0) break;  // RxIRq or IdleIRq
                if ((irq & 0x01) != 0) return null; // TimerIRq: no card
                if (Environment.TickCount64 > deadline) return null;
            }
            Write(Mfrc522Register.BitFraming, 0x00);
            byte error = Read(Mfrc522Register.Error);
            if ((error & (ErrorMask | CollErr)) != 0) return null;

            int length = Read(Mfrc522Register.FifoLevel);
            if (length == 0 || length > 64) return null;
            byte[] answer = new byte[length];
            for (int i = 0; i < length; i++) answer[i] = Read(Mfrc522Register.FifoData);
            return answer;
        }

        /// <summary>Whether the last two bytes of a frame are the CRC_A of the bytes before them.</summary>
        private bool CrcMatches(byte[] frame)
        {
            byte[] check = new byte[frame.Length];
            Array.Copy(frame, check, frame.Length - 2);
            if (!AppendCrc(check, frame.Length - 2)) return false;
            return check[frame.Length - 2] == frame[frame.Length - 2] && check[frame.Length - 1] == frame[frame.Length - 1];
        }

        /// <summary>Computes CRC_A of buffer[0..length) on the chip and writes it to buffer[length], buffer[length+1].</summary>
        private bool AppendCrc(byte[] buffer, int length)
        {
            Write(Mfrc522Register.Command, (byte)Mfrc522Command.Idle);
            Write(Mfrc522Register.DivIrq, 0x04);
            Write(Mfrc522Register.FifoLevel, 0x80);
            for (int i = 0; i < length; i++) Write(Mfrc522Register.FifoData, buffer[i]);
            Write(Mfrc522Register.Command, (byte)Mfrc522Command.CalcCrc);
            long deadline = Environment.TickCount64 + 20;
            while ((Read(Mfrc522Register.DivIrq) & 0x04) == 0)
            {
                if (Environment.TickCount64 > deadline) return false;
            }
            Write(Mfrc522Register.Command, (byte)Mfrc522Command.Idle);
            buffer[length] = Read(Mfrc522Register.CrcResultLow);
            buffer[length + 1] = Read(Mfrc522Register.CrcResultHigh);
            return true;
        }

        private void Write(Mfrc522Register register, byte value)
        {
            _two[0] = (byte)(((byte)register << 1) & 0x7E);
            _two[1] = value;
            _spi.Write(_two);
        }

        private byte Read(Mfrc522Register register)
        {
            _two[0] = (byte)(0x80 | (((byte)register << 1) & 0x7E));
            _two[1] = 0;
            _spi.TransferFullDuplex(_two, _twoIn);
            return _twoIn[1];
        }
    }
}
