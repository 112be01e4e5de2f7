namespace EdgeGateway.Firmware.Devices.Mfrc522
{
    /// <summary>MFRC522 register addresses (NXP MFRC522 datasheet rev. 3.9, section 9.2).</summary>
    public enum Mfrc522Register : byte
    {
        Command = 0x01,
        ComIEn = 0x02,
        DivIEn = 0x03,
        ComIrq = 0x04,
        DivIrq = 0x05,
        Error = 0x06,
        Status1 = 0x07,
        Status2 = 0x08,
        FifoData = 0x09,
        FifoLevel = 0x0A,
        WaterLevel = 0x0B,
        Control = 0x0C,
        BitFraming = 0x0D,
        Coll = 0x0E,
        Mode = 0x11,
        TxMode = 0x12,
        RxMode = 0x13,
        TxControl = 0x14,
        TxAsk = 0x15,
        CrcResultHigh = 0x21,
        CrcResultLow = 0x22,
        ModWidth = 0x24,
        RfCfg = 0x26,
        TMode = 0x2A,
        TPrescaler = 0x2B,
        TReloadHigh = 0x2C,
        TReloadLow = 0x2D,
        Version = 0x37,
    }
}
