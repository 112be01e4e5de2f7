using EdgeGateway.Core.Patrols;

namespace EdgeGateway.Cli.Patrols;

/// <summary><c>patrol report --format csv</c>: one row per checkpoint of each round (RFC 4180 quoting, times ISO 8601 UTC).</summary>
internal static class ReportCsv
{
    public static void Write(PatrolReport report, TextWriter output)
    {
        output.WriteLine("round,schedule,route,team,round_start,completed,checkpoint,name,expected,tapped,delay_s,card,member,verdict,flags");
        foreach (var r in report.Rounds)
        {
            foreach (var s in r.Stops)
            {
                output.WriteLine(string.Join(',', new[]
                {
                    r.Round, r.Schedule, r.Route, r.Team, Iso(r.Start), r.Completed ? "yes" : "no", s.Checkpoint, s.Name, Iso(s.Expected),
                    s.Tapped is { } t ? Iso(t) : "", s.DelaySeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    s.Card ?? "", s.Member ?? "", s.Verdict ?? "open", string.Join(' ', s.Flags),
                }.Select(Quote)));
            }
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Quote(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
}
