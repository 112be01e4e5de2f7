namespace EdgeGateway.Patrols.Cards;

/// <summary>Card UIDs as beacons send them: 4, 7 or 10 bytes in hex, upper case.</summary>
public static class CardUid
{
    public static bool TryNormalize(string? text, out string uid)
    {
        uid = "";
        if (text is null || text.Length is not (8 or 14 or 20) || !text.All(char.IsAsciiHexDigit)) return false;
        uid = text.ToUpperInvariant();
        return true;
    }
}
