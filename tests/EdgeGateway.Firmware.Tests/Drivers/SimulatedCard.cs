namespace EdgeGateway.Firmware.Tests.Drivers;

/// <summary>An ISO/IEC 14443-3 type A card: IDLE → READY (REQA) → ACTIVE (SELECT of its last cascade level) → HALT (HLTA).</summary>
internal sealed class SimulatedCard(byte[] uid)
{
    public byte[] Uid { get; } = uid;

    public string State { get; set; } = "idle";

    /// <summary>The UID bytes answered at a cascade level (0-based), with the cascade tag 0x88 when more levels follow.</summary>
    public byte[] LevelPart(int level)
    {
        var levels = Uid.Length == 4 ? 1 : Uid.Length == 7 ? 2 : 3;
        var offset = level * 3;
        byte[] part = level < levels - 1 ? [0x88, Uid[offset], Uid[offset + 1], Uid[offset + 2]] : Uid[offset..(offset + 4)];
        return [.. part, (byte)(part[0] ^ part[1] ^ part[2] ^ part[3])];
    }

    public bool IsLastLevel(int level) => level == (Uid.Length == 4 ? 0 : Uid.Length == 7 ? 1 : 2);
}
