namespace EdgeGateway.Contracts.Envelope;

/// <summary>
/// Device ids are 1–64 characters of <c>[A-Za-z0-9_-]</c>. That keeps them safe inside MQTT topics
/// (no <c>/ + #</c>), inside event ids (no <c>:</c>) and inside file names.
/// </summary>
public static class DeviceIds
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxLength) return false;
        foreach (var c in id)
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_';
            if (!ok) return false;
        }
        return true;
    }
}
