using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Devices.Mfrc522
{
    /// <summary>The beacon's <see cref="ICardReader"/> seam over the MFRC522 driver. Polled from the machine's tick.</summary>
    public sealed class Mfrc522CardReader : ICardReader
    {
        private readonly Mfrc522 _chip;

        public Mfrc522CardReader(Mfrc522 chip) { _chip = chip; }

        public byte[] TryReadUid() { return _chip.ReadUid(); }
    }
}
