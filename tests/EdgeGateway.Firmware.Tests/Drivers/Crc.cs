namespace EdgeGateway.Firmware.Tests.Drivers;

/// <summary>CRC_A of ISO/IEC 14443-3 (preset 0x6363, reflected polynomial 0x8408), as the card and the MFRC522 compute it.</summary>
internal static class Crc
{
    public static ushort A(byte[] data)
    {
        var crc = 0x6363;
        foreach (var d in data)
        {
            var b = (byte)(d ^ (crc & 0xFF));
            b ^= (byte)(b << 4);
            crc = (crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4);
        }
        return (ushort)crc;
    }

    /// <summary>Whether the frame's last two bytes (low first) are the CRC_A of the rest.</summary>
    public static bool Matches(byte[] frame)
    {
        var crc = A(frame[..^2]);
        return frame[^2] == (byte)crc && frame[^1] == (byte)(crc >> 8);
    }
}
