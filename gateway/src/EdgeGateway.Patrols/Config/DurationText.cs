using System.Globalization;

namespace EdgeGateway.Patrols.Config;

/// <summary>Durations as people write them in <c>patrols.json</c>: <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1h30m</c>, <c>0s</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var negative = text.StartsWith('-');
        var rest = negative ? text.AsSpan(1) : text.AsSpan();
        if (rest.IsEmpty) return false;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits])) digits++;
            if (digits == 0 || digits > 6 || digits == rest.Length) return false;
            var n = int.Parse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            value += rest[digits] switch
            {
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                _ => TimeSpan.MinValue,
            };
            if (value < TimeSpan.Zero) return false;
            rest = rest[(digits + 1)..];
        }
        if (negative) value = -value;
        return true;
    }

    public static string Format(TimeSpan t)
    {
        var sign = t < TimeSpan.Zero ? "-" : "";
        t = t.Duration();
        var text = (t.Hours + (t.Days * 24) > 0 ? $"{t.Hours + (t.Days * 24)}h" : "") + (t.Minutes > 0 ? $"{t.Minutes}m" : "") + (t.Seconds > 0 ? $"{t.Seconds}s" : "");
        return sign + (text.Length == 0 ? "0s" : text);
    }
}
