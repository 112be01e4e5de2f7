using System.Globalization;

namespace EdgeGateway.Contracts.Envelope;

/// <summary>
/// The idempotency key of an event: <c>{dev}:{boot}:{seq}</c>. The boot counter lives in the device's
/// flash and seq counts up from 1 each boot, so the pair never repeats for one device.
/// </summary>
public readonly record struct EventId(string Device, long Boot, long Seq)
{
    public override string ToString() =>
        string.Concat(Device, ":", Boot.ToString(CultureInfo.InvariantCulture), ":", Seq.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses <c>{dev}:{boot}:{seq}</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out EventId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text)) return false;
        var last = text.LastIndexOf(':');
        if (last <= 0) return false;
        var mid = text.LastIndexOf(':', last - 1);
        if (mid <= 0) return false;
        var dev = text[..mid];
        if (!DeviceIds.IsValid(dev)) return false;
        if (!long.TryParse(text.AsSpan(mid + 1, last - mid - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var boot)) return false;
        if (!long.TryParse(text.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) return false;
        id = new EventId(dev, boot, seq);
        return true;
    }
}
