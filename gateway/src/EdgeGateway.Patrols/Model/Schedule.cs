using Cronos;

namespace EdgeGateway.Patrols.Model;

/// <summary>When rounds of a route start (cron in a time zone), which team walks them and how long a round may take.</summary>
public sealed record Schedule(string Id, string RouteId, string Team, string CronText, CronExpression Cron, TimeZoneInfo Zone, TimeSpan Duration)
{
    /// <summary>Round starts in (<paramref name="after"/>, <paramref name="until"/>], in UTC.</summary>
    public IEnumerable<DateTimeOffset> StartsBetween(DateTimeOffset after, DateTimeOffset until) =>
        Cron.GetOccurrences(after, until, Zone, fromInclusive: false, toInclusive: true);
}
