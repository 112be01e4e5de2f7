using System.Globalization;
using EdgeGateway.Patrols.Model;

namespace EdgeGateway.Simulator;

/// <summary>
/// Reads scenario files, one step a line (<c>#</c> starts a comment):
/// <code>
/// at 2s   pb-0001 press
/// at 3s   pb-0001 hold 11s        # button held: panic, then cancel after 10 s
/// at 5s   cb-0001 tap 04A1B2C3    # card UID in hex
/// at 6s   pb-0002 tamper          # enclosure opens (untamper closes it)
/// at 7s   pb-0001 battery 3.3     # battery voltage in volts
/// at 8s   pb-0003 test-mode 2m    # technician arms test mode
/// at 9s   pb-0003 reboot          # power cycle: alarms in flash are re-sent
/// at 22:00 patrol north walk route-A card 04A1B2C3 skip cp-0003 late cp-0005 5m
/// </code>
/// Times take ms, s or m, or a wall-clock HH:mm (its next occurrence). A patrol line walks a route of the
/// gateway's <c>patrols.json</c> (see <see cref="PatrolLine"/>). A bad line is reported with its number and nothing runs.
/// </summary>
internal static class ScenarioParser
{
    public static readonly string[] Actions = ["press", "hold", "tap", "tamper", "untamper", "battery", "test-mode", "reboot"];

    /// <param name="plan">The gateway's routes, for patrol lines; null when none was given.</param>
    /// <param name="now">Local time the scenario starts, for wall-clock times (HH:mm).</param>
    public static List<ScenarioStep> Parse(IEnumerable<string> lines, PatrolPlan? plan = null, DateTime? now = null)
    {
        var steps = new List<ScenarioStep>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || parts[0] != "at") throw Bad(n, "expected 'at <time> <device> <action> [argument]'");
            var at = Time(parts[1], n, now ?? DateTime.Now);
            var device = parts[2];
            if (device == "patrol")
            {
                steps.AddRange(PatrolLine.Expand(parts, at, n, plan));
                continue;
            }
            if (!device.StartsWith("pb-", StringComparison.Ordinal) && !device.StartsWith("cb-", StringComparison.Ordinal))
                throw Bad(n, $"device '{device}' must be pb-NNNN (panic button) or cb-NNNN (beacon)");
            var action = parts[3];
            if (!Actions.Contains(action)) throw Bad(n, $"unknown action '{action}' (one of {string.Join(", ", Actions)})");
            var needsArg = action is "hold" or "tap" or "battery" or "test-mode";
            if (needsArg != (parts.Length == 5) || parts.Length > 5)
                throw Bad(n, needsArg ? $"'{action}' needs one argument" : $"'{action}' takes no argument");
            var isBeacon = device.StartsWith("cb-", StringComparison.Ordinal);
            if (action == "tap" && !isBeacon) throw Bad(n, "only beacons (cb-…) are tapped");
            if (action is "press" or "hold" or "test-mode" && isBeacon) throw Bad(n, $"'{action}' is for panic buttons (pb-…)");
            var duration = action is "hold" or "test-mode" ? Duration(parts[4], n) : TimeSpan.Zero;
            byte[]? uid = null;
            if (action == "tap")
            {
                try { uid = Convert.FromHexString(parts[4]); }
                catch (FormatException) { throw Bad(n, $"card UID '{parts[4]}' is not hex"); }
                if (uid.Length is not (4 or 7 or 10)) throw Bad(n, "a card UID has 4, 7 or 10 bytes");
            }
            var volts = 0.0;
            if (action == "battery" && (!double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out volts) || volts is < 0 or > 10))
                throw Bad(n, $"battery '{parts[4]}' must be volts, 0..10");
            steps.Add(new ScenarioStep(at, device, action, duration, uid, volts, n));
        }
        steps.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Line.CompareTo(b.Line));
        return steps;
    }

    private static TimeSpan Time(string text, int line, DateTime now)
    {
        if (!text.Contains(':', StringComparison.Ordinal)) return Duration(text, line);
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            throw Bad(line, $"time '{text}' must be HH:mm (a wall-clock time) or a number with ms, s or m");
        var wait = clock.ToTimeSpan() - now.TimeOfDay;
        return wait < TimeSpan.Zero ? wait + TimeSpan.FromDays(1) : wait;
    }

    internal static TimeSpan Duration(string text, int line)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (null, 0);
        if (number is null || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 1e7)
            throw Bad(line, $"time '{text}' must be a number with ms, s or m");
        return TimeSpan.FromMilliseconds(value * scale);
    }

    internal static FormatException Bad(int line, string why) => new($"scenario line {line}: {why}");
}
