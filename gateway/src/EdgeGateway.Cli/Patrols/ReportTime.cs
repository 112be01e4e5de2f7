using System.Globalization;

namespace EdgeGateway.Cli.Patrols;

/// <summary>Times given to <c>patrol report</c>: a date or date and time, local unless it names its offset.</summary>
internal static class ReportTime
{
    public static DateTimeOffset? Parse(string? text, string flag)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var value)) return value;
        throw new CliException($"{flag} '{text}' is not a date or time (e.g. 2026-03-01 or 2026-03-01T22:00 or 2026-03-01T22:00+02:00)");
    }
}
