namespace EdgeGateway.Firmware.Devices.Mfrc522
{
    /// <summary>Commands written to CommandReg (datasheet section 10.3).</summary>
    public enum Mfrc522Command : byte
    {
        Idle = 0x00,
        CalcCrc = 0x03,
        Transceive = 0x0C,
        SoftReset = 0x0F,
    }
}
