namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>The card reader of a checkpoint beacon (an MFRC522 on SPI on the device).</summary>
    public interface ICardReader
    {
        /// <summary>The UID of a card in the field, or null when there is none. Must not block for long.</summary>
        byte[] TryReadUid();
    }
}
